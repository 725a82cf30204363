/* Verdicts beyond the summary: the traditional-script forms of the verdict
 * vocabulary, and the outcomes candidates put in titles, headings and file
 * names ("字节一面凉经", "海康一面过！", "已 OC"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/record.h"
#include "record_internal.h"

/* ---- traditional script -------------------------------------------------
 *
 * The characters of the verdict vocabulary and of its traps whose
 * traditional form differs (總結 面試 通過 錄用 評價 掛 涼 測試 編譯 ...),
 * as pairs of code points sorted by the first. Every one is a three-byte
 * UTF-8 sequence on both sides, so the folded text keeps every offset. The
 * analyzer folds the whole script with OpenCC for searching; detection needs
 * only these, and no run-time library. First come the Kangxi radicals
 * (U+2F00..U+2FD5) with their ideographs (NFKC): text copied from PDF
 * writes 京东、美团⾯试已通过 with ⾯ (U+2FAF) for 面. */
static const uint16_t trad_pairs[][2] = {
    {0x2F00, 0x4E00}, /* Kangxi ⼀ -> 一 */
    {0x2F01, 0x4E28}, /* Kangxi ⼁ -> 丨 */
    {0x2F02, 0x4E36}, /* Kangxi ⼂ -> 丶 */
    {0x2F03, 0x4E3F}, /* Kangxi ⼃ -> 丿 */
    {0x2F04, 0x4E59}, /* Kangxi ⼄ -> 乙 */
    {0x2F05, 0x4E85}, /* Kangxi ⼅ -> 亅 */
    {0x2F06, 0x4E8C}, /* Kangxi ⼆ -> 二 */
    {0x2F07, 0x4EA0}, /* Kangxi ⼇ -> 亠 */
    {0x2F08, 0x4EBA}, /* Kangxi ⼈ -> 人 */
    {0x2F09, 0x513F}, /* Kangxi ⼉ -> 儿 */
    {0x2F0A, 0x5165}, /* Kangxi ⼊ -> 入 */
    {0x2F0B, 0x516B}, /* Kangxi ⼋ -> 八 */
    {0x2F0C, 0x5182}, /* Kangxi ⼌ -> 冂 */
    {0x2F0D, 0x5196}, /* Kangxi ⼍ -> 冖 */
    {0x2F0E, 0x51AB}, /* Kangxi ⼎ -> 冫 */
    {0x2F0F, 0x51E0}, /* Kangxi ⼏ -> 几 */
    {0x2F10, 0x51F5}, /* Kangxi ⼐ -> 凵 */
    {0x2F11, 0x5200}, /* Kangxi ⼑ -> 刀 */
    {0x2F12, 0x529B}, /* Kangxi ⼒ -> 力 */
    {0x2F13, 0x52F9}, /* Kangxi ⼓ -> 勹 */
    {0x2F14, 0x5315}, /* Kangxi ⼔ -> 匕 */
    {0x2F15, 0x531A}, /* Kangxi ⼕ -> 匚 */
    {0x2F16, 0x5338}, /* Kangxi ⼖ -> 匸 */
    {0x2F17, 0x5341}, /* Kangxi ⼗ -> 十 */
    {0x2F18, 0x535C}, /* Kangxi ⼘ -> 卜 */
    {0x2F19, 0x5369}, /* Kangxi ⼙ -> 卩 */
    {0x2F1A, 0x5382}, /* Kangxi ⼚ -> 厂 */
    {0x2F1B, 0x53B6}, /* Kangxi ⼛ -> 厶 */
    {0x2F1C, 0x53C8}, /* Kangxi ⼜ -> 又 */
    {0x2F1D, 0x53E3}, /* Kangxi ⼝ -> 口 */
    {0x2F1E, 0x56D7}, /* Kangxi ⼞ -> 囗 */
    {0x2F1F, 0x571F}, /* Kangxi ⼟ -> 土 */
    {0x2F20, 0x58EB}, /* Kangxi ⼠ -> 士 */
    {0x2F21, 0x5902}, /* Kangxi ⼡ -> 夂 */
    {0x2F22, 0x590A}, /* Kangxi ⼢ -> 夊 */
    {0x2F23, 0x5915}, /* Kangxi ⼣ -> 夕 */
    {0x2F24, 0x5927}, /* Kangxi ⼤ -> 大 */
    {0x2F25, 0x5973}, /* Kangxi ⼥ -> 女 */
    {0x2F26, 0x5B50}, /* Kangxi ⼦ -> 子 */
    {0x2F27, 0x5B80}, /* Kangxi ⼧ -> 宀 */
    {0x2F28, 0x5BF8}, /* Kangxi ⼨ -> 寸 */
    {0x2F29, 0x5C0F}, /* Kangxi ⼩ -> 小 */
    {0x2F2A, 0x5C22}, /* Kangxi ⼪ -> 尢 */
    {0x2F2B, 0x5C38}, /* Kangxi ⼫ -> 尸 */
    {0x2F2C, 0x5C6E}, /* Kangxi ⼬ -> 屮 */
    {0x2F2D, 0x5C71}, /* Kangxi ⼭ -> 山 */
    {0x2F2E, 0x5DDB}, /* Kangxi ⼮ -> 巛 */
    {0x2F2F, 0x5DE5}, /* Kangxi ⼯ -> 工 */
    {0x2F30, 0x5DF1}, /* Kangxi ⼰ -> 己 */
    {0x2F31, 0x5DFE}, /* Kangxi ⼱ -> 巾 */
    {0x2F32, 0x5E72}, /* Kangxi ⼲ -> 干 */
    {0x2F33, 0x5E7A}, /* Kangxi ⼳ -> 幺 */
    {0x2F34, 0x5E7F}, /* Kangxi ⼴ -> 广 */
    {0x2F35, 0x5EF4}, /* Kangxi ⼵ -> 廴 */
    {0x2F36, 0x5EFE}, /* Kangxi ⼶ -> 廾 */
    {0x2F37, 0x5F0B}, /* Kangxi ⼷ -> 弋 */
    {0x2F38, 0x5F13}, /* Kangxi ⼸ -> 弓 */
    {0x2F39, 0x5F50}, /* Kangxi ⼹ -> 彐 */
    {0x2F3A, 0x5F61}, /* Kangxi ⼺ -> 彡 */
    {0x2F3B, 0x5F73}, /* Kangxi ⼻ -> 彳 */
    {0x2F3C, 0x5FC3}, /* Kangxi ⼼ -> 心 */
    {0x2F3D, 0x6208}, /* Kangxi ⼽ -> 戈 */
    {0x2F3E, 0x6236}, /* Kangxi ⼾ -> 戶 */
    {0x2F3F, 0x624B}, /* Kangxi ⼿ -> 手 */
    {0x2F40, 0x652F}, /* Kangxi ⽀ -> 支 */
    {0x2F41, 0x6534}, /* Kangxi ⽁ -> 攴 */
    {0x2F42, 0x6587}, /* Kangxi ⽂ -> 文 */
    {0x2F43, 0x6597}, /* Kangxi ⽃ -> 斗 */
    {0x2F44, 0x65A4}, /* Kangxi ⽄ -> 斤 */
    {0x2F45, 0x65B9}, /* Kangxi ⽅ -> 方 */
    {0x2F46, 0x65E0}, /* Kangxi ⽆ -> 无 */
    {0x2F47, 0x65E5}, /* Kangxi ⽇ -> 日 */
    {0x2F48, 0x66F0}, /* Kangxi ⽈ -> 曰 */
    {0x2F49, 0x6708}, /* Kangxi ⽉ -> 月 */
    {0x2F4A, 0x6728}, /* Kangxi ⽊ -> 木 */
    {0x2F4B, 0x6B20}, /* Kangxi ⽋ -> 欠 */
    {0x2F4C, 0x6B62}, /* Kangxi ⽌ -> 止 */
    {0x2F4D, 0x6B79}, /* Kangxi ⽍ -> 歹 */
    {0x2F4E, 0x6BB3}, /* Kangxi ⽎ -> 殳 */
    {0x2F4F, 0x6BCB}, /* Kangxi ⽏ -> 毋 */
    {0x2F50, 0x6BD4}, /* Kangxi ⽐ -> 比 */
    {0x2F51, 0x6BDB}, /* Kangxi ⽑ -> 毛 */
    {0x2F52, 0x6C0F}, /* Kangxi ⽒ -> 氏 */
    {0x2F53, 0x6C14}, /* Kangxi ⽓ -> 气 */
    {0x2F54, 0x6C34}, /* Kangxi ⽔ -> 水 */
    {0x2F55, 0x706B}, /* Kangxi ⽕ -> 火 */
    {0x2F56, 0x722A}, /* Kangxi ⽖ -> 爪 */
    {0x2F57, 0x7236}, /* Kangxi ⽗ -> 父 */
    {0x2F58, 0x723B}, /* Kangxi ⽘ -> 爻 */
    {0x2F59, 0x723F}, /* Kangxi ⽙ -> 爿 */
    {0x2F5A, 0x7247}, /* Kangxi ⽚ -> 片 */
    {0x2F5B, 0x7259}, /* Kangxi ⽛ -> 牙 */
    {0x2F5C, 0x725B}, /* Kangxi ⽜ -> 牛 */
    {0x2F5D, 0x72AC}, /* Kangxi ⽝ -> 犬 */
    {0x2F5E, 0x7384}, /* Kangxi ⽞ -> 玄 */
    {0x2F5F, 0x7389}, /* Kangxi ⽟ -> 玉 */
    {0x2F60, 0x74DC}, /* Kangxi ⽠ -> 瓜 */
    {0x2F61, 0x74E6}, /* Kangxi ⽡ -> 瓦 */
    {0x2F62, 0x7518}, /* Kangxi ⽢ -> 甘 */
    {0x2F63, 0x751F}, /* Kangxi ⽣ -> 生 */
    {0x2F64, 0x7528}, /* Kangxi ⽤ -> 用 */
    {0x2F65, 0x7530}, /* Kangxi ⽥ -> 田 */
    {0x2F66, 0x758B}, /* Kangxi ⽦ -> 疋 */
    {0x2F67, 0x7592}, /* Kangxi ⽧ -> 疒 */
    {0x2F68, 0x7676}, /* Kangxi ⽨ -> 癶 */
    {0x2F69, 0x767D}, /* Kangxi ⽩ -> 白 */
    {0x2F6A, 0x76AE}, /* Kangxi ⽪ -> 皮 */
    {0x2F6B, 0x76BF}, /* Kangxi ⽫ -> 皿 */
    {0x2F6C, 0x76EE}, /* Kangxi ⽬ -> 目 */
    {0x2F6D, 0x77DB}, /* Kangxi ⽭ -> 矛 */
    {0x2F6E, 0x77E2}, /* Kangxi ⽮ -> 矢 */
    {0x2F6F, 0x77F3}, /* Kangxi ⽯ -> 石 */
    {0x2F70, 0x793A}, /* Kangxi ⽰ -> 示 */
    {0x2F71, 0x79B8}, /* Kangxi ⽱ -> 禸 */
    {0x2F72, 0x79BE}, /* Kangxi ⽲ -> 禾 */
    {0x2F73, 0x7A74}, /* Kangxi ⽳ -> 穴 */
    {0x2F74, 0x7ACB}, /* Kangxi ⽴ -> 立 */
    {0x2F75, 0x7AF9}, /* Kangxi ⽵ -> 竹 */
    {0x2F76, 0x7C73}, /* Kangxi ⽶ -> 米 */
    {0x2F77, 0x7CF8}, /* Kangxi ⽷ -> 糸 */
    {0x2F78, 0x7F36}, /* Kangxi ⽸ -> 缶 */
    {0x2F79, 0x7F51}, /* Kangxi ⽹ -> 网 */
    {0x2F7A, 0x7F8A}, /* Kangxi ⽺ -> 羊 */
    {0x2F7B, 0x7FBD}, /* Kangxi ⽻ -> 羽 */
    {0x2F7C, 0x8001}, /* Kangxi ⽼ -> 老 */
    {0x2F7D, 0x800C}, /* Kangxi ⽽ -> 而 */
    {0x2F7E, 0x8012}, /* Kangxi ⽾ -> 耒 */
    {0x2F7F, 0x8033}, /* Kangxi ⽿ -> 耳 */
    {0x2F80, 0x807F}, /* Kangxi ⾀ -> 聿 */
    {0x2F81, 0x8089}, /* Kangxi ⾁ -> 肉 */
    {0x2F82, 0x81E3}, /* Kangxi ⾂ -> 臣 */
    {0x2F83, 0x81EA}, /* Kangxi ⾃ -> 自 */
    {0x2F84, 0x81F3}, /* Kangxi ⾄ -> 至 */
    {0x2F85, 0x81FC}, /* Kangxi ⾅ -> 臼 */
    {0x2F86, 0x820C}, /* Kangxi ⾆ -> 舌 */
    {0x2F87, 0x821B}, /* Kangxi ⾇ -> 舛 */
    {0x2F88, 0x821F}, /* Kangxi ⾈ -> 舟 */
    {0x2F89, 0x826E}, /* Kangxi ⾉ -> 艮 */
    {0x2F8A, 0x8272}, /* Kangxi ⾊ -> 色 */
    {0x2F8B, 0x8278}, /* Kangxi ⾋ -> 艸 */
    {0x2F8C, 0x864D}, /* Kangxi ⾌ -> 虍 */
    {0x2F8D, 0x866B}, /* Kangxi ⾍ -> 虫 */
    {0x2F8E, 0x8840}, /* Kangxi ⾎ -> 血 */
    {0x2F8F, 0x884C}, /* Kangxi ⾏ -> 行 */
    {0x2F90, 0x8863}, /* Kangxi ⾐ -> 衣 */
    {0x2F91, 0x897E}, /* Kangxi ⾑ -> 襾 */
    {0x2F92, 0x898B}, /* Kangxi ⾒ -> 見 */
    {0x2F93, 0x89D2}, /* Kangxi ⾓ -> 角 */
    {0x2F94, 0x8A00}, /* Kangxi ⾔ -> 言 */
    {0x2F95, 0x8C37}, /* Kangxi ⾕ -> 谷 */
    {0x2F96, 0x8C46}, /* Kangxi ⾖ -> 豆 */
    {0x2F97, 0x8C55}, /* Kangxi ⾗ -> 豕 */
    {0x2F98, 0x8C78}, /* Kangxi ⾘ -> 豸 */
    {0x2F99, 0x8C9D}, /* Kangxi ⾙ -> 貝 */
    {0x2F9A, 0x8D64}, /* Kangxi ⾚ -> 赤 */
    {0x2F9B, 0x8D70}, /* Kangxi ⾛ -> 走 */
    {0x2F9C, 0x8DB3}, /* Kangxi ⾜ -> 足 */
    {0x2F9D, 0x8EAB}, /* Kangxi ⾝ -> 身 */
    {0x2F9E, 0x8ECA}, /* Kangxi ⾞ -> 車 */
    {0x2F9F, 0x8F9B}, /* Kangxi ⾟ -> 辛 */
    {0x2FA0, 0x8FB0}, /* Kangxi ⾠ -> 辰 */
    {0x2FA1, 0x8FB5}, /* Kangxi ⾡ -> 辵 */
    {0x2FA2, 0x9091}, /* Kangxi ⾢ -> 邑 */
    {0x2FA3, 0x9149}, /* Kangxi ⾣ -> 酉 */
    {0x2FA4, 0x91C6}, /* Kangxi ⾤ -> 釆 */
    {0x2FA5, 0x91CC}, /* Kangxi ⾥ -> 里 */
    {0x2FA6, 0x91D1}, /* Kangxi ⾦ -> 金 */
    {0x2FA7, 0x9577}, /* Kangxi ⾧ -> 長 */
    {0x2FA8, 0x9580}, /* Kangxi ⾨ -> 門 */
    {0x2FA9, 0x961C}, /* Kangxi ⾩ -> 阜 */
    {0x2FAA, 0x96B6}, /* Kangxi ⾪ -> 隶 */
    {0x2FAB, 0x96B9}, /* Kangxi ⾫ -> 隹 */
    {0x2FAC, 0x96E8}, /* Kangxi ⾬ -> 雨 */
    {0x2FAD, 0x9751}, /* Kangxi ⾭ -> 靑 */
    {0x2FAE, 0x975E}, /* Kangxi ⾮ -> 非 */
    {0x2FAF, 0x9762}, /* Kangxi ⾯ -> 面 */
    {0x2FB0, 0x9769}, /* Kangxi ⾰ -> 革 */
    {0x2FB1, 0x97CB}, /* Kangxi ⾱ -> 韋 */
    {0x2FB2, 0x97ED}, /* Kangxi ⾲ -> 韭 */
    {0x2FB3, 0x97F3}, /* Kangxi ⾳ -> 音 */
    {0x2FB4, 0x9801}, /* Kangxi ⾴ -> 頁 */
    {0x2FB5, 0x98A8}, /* Kangxi ⾵ -> 風 */
    {0x2FB6, 0x98DB}, /* Kangxi ⾶ -> 飛 */
    {0x2FB7, 0x98DF}, /* Kangxi ⾷ -> 食 */
    {0x2FB8, 0x9996}, /* Kangxi ⾸ -> 首 */
    {0x2FB9, 0x9999}, /* Kangxi ⾹ -> 香 */
    {0x2FBA, 0x99AC}, /* Kangxi ⾺ -> 馬 */
    {0x2FBB, 0x9AA8}, /* Kangxi ⾻ -> 骨 */
    {0x2FBC, 0x9AD8}, /* Kangxi ⾼ -> 高 */
    {0x2FBD, 0x9ADF}, /* Kangxi ⾽ -> 髟 */
    {0x2FBE, 0x9B25}, /* Kangxi ⾾ -> 鬥 */
    {0x2FBF, 0x9B2F}, /* Kangxi ⾿ -> 鬯 */
    {0x2FC0, 0x9B32}, /* Kangxi ⿀ -> 鬲 */
    {0x2FC1, 0x9B3C}, /* Kangxi ⿁ -> 鬼 */
    {0x2FC2, 0x9B5A}, /* Kangxi ⿂ -> 魚 */
    {0x2FC3, 0x9CE5}, /* Kangxi ⿃ -> 鳥 */
    {0x2FC4, 0x9E75}, /* Kangxi ⿄ -> 鹵 */
    {0x2FC5, 0x9E7F}, /* Kangxi ⿅ -> 鹿 */
    {0x2FC6, 0x9EA5}, /* Kangxi ⿆ -> 麥 */
    {0x2FC7, 0x9EBB}, /* Kangxi ⿇ -> 麻 */
    {0x2FC8, 0x9EC3}, /* Kangxi ⿈ -> 黃 */
    {0x2FC9, 0x9ECD}, /* Kangxi ⿉ -> 黍 */
    {0x2FCA, 0x9ED1}, /* Kangxi ⿊ -> 黑 */
    {0x2FCB, 0x9EF9}, /* Kangxi ⿋ -> 黹 */
    {0x2FCC, 0x9EFD}, /* Kangxi ⿌ -> 黽 */
    {0x2FCD, 0x9F0E}, /* Kangxi ⿍ -> 鼎 */
    {0x2FCE, 0x9F13}, /* Kangxi ⿎ -> 鼓 */
    {0x2FCF, 0x9F20}, /* Kangxi ⿏ -> 鼠 */
    {0x2FD0, 0x9F3B}, /* Kangxi ⿐ -> 鼻 */
    {0x2FD1, 0x9F4A}, /* Kangxi ⿑ -> 齊 */
    {0x2FD2, 0x9F52}, /* Kangxi ⿒ -> 齒 */
    {0x2FD3, 0x9F8D}, /* Kangxi ⿓ -> 龍 */
    {0x2FD4, 0x9F9C}, /* Kangxi ⿔ -> 龜 */
    {0x2FD5, 0x9FA0}, /* Kangxi ⿕ -> 龠 */
    {0x4F86, 0x6765}, /* 來 -> 来 */
    {0x500B, 0x4E2A}, /* 個 -> 个 */
    {0x5011, 0x4EEC}, /* 們 -> 们 */
    {0x5099, 0x5907}, /* 備 -> 备 */
    {0x50C5, 0x4EC5}, /* 僅 -> 仅 */
    {0x50F9, 0x4EF7}, /* 價 -> 价 */
    {0x512A, 0x4F18}, /* 優 -> 优 */
    {0x5152, 0x513F}, /* 兒 -> 儿 */
    {0x5167, 0x5185}, /* 內 -> 内 */
    {0x5169, 0x4E24}, /* 兩 -> 两 */
    {0x525B, 0x521A}, /* 剛 -> 刚 */
    {0x52D9, 0x52A1}, /* 務 -> 务 */
    {0x537B, 0x5374}, /* 卻 -> 却 */
    {0x53B2, 0x5389}, /* 厲 -> 厉 */
    {0x54E1, 0x5458}, /* 員 -> 员 */
    {0x554F, 0x95EE}, /* 問 -> 问 */
    {0x55AE, 0x5355}, /* 單 -> 单 */
    {0x55CE, 0x5417}, /* 嗎 -> 吗 */
    {0x5718, 0x56E2}, /* 團 -> 团 */
    {0x5831, 0x62A5}, /* 報 -> 报 */
    {0x5834, 0x573A}, /* 場 -> 场 */
    {0x58D3, 0x538B}, /* 壓 -> 压 */
    {0x5BE6, 0x5B9E}, /* 實 -> 实 */
    {0x5BE9, 0x5BA1}, /* 審 -> 审 */
    {0x5C07, 0x5C06}, /* 將 -> 将 */
    {0x5C08, 0x4E13}, /* 專 -> 专 */
    {0x5C0D, 0x5BF9}, /* 對 -> 对 */
    {0x5C46, 0x5C4A}, /* 屆 -> 届 */
    {0x5E6B, 0x5E2E}, /* 幫 -> 帮 */
    {0x5E7E, 0x51E0}, /* 幾 -> 几 */
    {0x5F37, 0x5F3A}, /* 強 -> 强 */
    {0x5F8C, 0x540E}, /* 後 -> 后 */
    {0x614B, 0x6001}, /* 態 -> 态 */
    {0x616E, 0x8651}, /* 慮 -> 虑 */
    {0x61C9, 0x5E94}, /* 應 -> 应 */
    {0x6236, 0x6237}, /* 戶 -> 户 */
    {0x639B, 0x6302}, /* 掛 -> 挂 */
    {0x63A1, 0x91C7}, /* 採 -> 采 */
    {0x64C7, 0x62E9}, /* 擇 -> 择 */
    {0x6578, 0x6570}, /* 數 -> 数 */
    {0x65BC, 0x4E8E}, /* 於 -> 于 */
    {0x6642, 0x65F6}, /* 時 -> 时 */
    {0x6703, 0x4F1A}, /* 會 -> 会 */
    {0x696D, 0x4E1A}, /* 業 -> 业 */
    {0x6975, 0x6781}, /* 極 -> 极 */
    {0x6A19, 0x6807}, /* 標 -> 标 */
    {0x6AA2, 0x68C0}, /* 檢 -> 检 */
    {0x6B0A, 0x6743}, /* 權 -> 权 */
    {0x6B61, 0x6B22}, /* 歡 -> 欢 */
    {0x6B77, 0x5386}, /* 歷 -> 历 */
    {0x6B78, 0x5F52}, /* 歸 -> 归 */
    {0x6C23, 0x6C14}, /* 氣 -> 气 */
    {0x6C7A, 0x51B3}, /* 決 -> 决 */
    {0x6C92, 0x6CA1}, /* 沒 -> 没 */
    {0x6DBC, 0x51C9}, /* 涼 -> 凉 */
    {0x6E2C, 0x6D4B}, /* 測 -> 测 */
    {0x6E96, 0x51C6}, /* 準 -> 准 */
    {0x6EFF, 0x6EE1}, /* 滿 -> 满 */
    {0x70BA, 0x4E3A}, /* 為 -> 为 */
    {0x7121, 0x65E0}, /* 無 -> 无 */
    {0x7232, 0x4E3A}, /* 爲 -> 为 */
    {0x72C0, 0x72B6}, /* 狀 -> 状 */
    {0x7372, 0x83B7}, /* 獲 -> 获 */
    {0x73FE, 0x73B0}, /* 現 -> 现 */
    {0x74B0, 0x73AF}, /* 環 -> 环 */
    {0x767C, 0x53D1}, /* 發 -> 发 */
    {0x78BA, 0x786E}, /* 確 -> 确 */
    {0x78BC, 0x7801}, /* 碼 -> 码 */
    {0x7A31, 0x79F0}, /* 稱 -> 称 */
    {0x7B46, 0x7B14}, /* 筆 -> 笔 */
    {0x7BC0, 0x8282}, /* 節 -> 节 */
    {0x7C21, 0x7B80}, /* 簡 -> 简 */
    {0x7C3D, 0x7B7E}, /* 簽 -> 签 */
    {0x7D00, 0x7EAA}, /* 紀 -> 纪 */
    {0x7D04, 0x7EA6}, /* 約 -> 约 */
    {0x7D1A, 0x7EA7}, /* 級 -> 级 */
    {0x7D42, 0x7EC8}, /* 終 -> 终 */
    {0x7D44, 0x7EC4}, /* 組 -> 组 */
    {0x7D50, 0x7ED3}, /* 結 -> 结 */
    {0x7D55, 0x7EDD}, /* 絕 -> 绝 */
    {0x7D61, 0x7EDC}, /* 絡 -> 络 */
    {0x7D66, 0x7ED9}, /* 給 -> 给 */
    {0x7D71, 0x7EDF}, /* 統 -> 统 */
    {0x7D93, 0x7ECF}, /* 經 -> 经 */
    {0x7D9C, 0x7EFC}, /* 綜 -> 综 */
    {0x7DB2, 0x7F51}, /* 網 -> 网 */
    {0x7DE8, 0x7F16}, /* 編 -> 编 */
    {0x7E3D, 0x603B}, /* 總 -> 总 */
    {0x7E6B, 0x7CFB}, /* 繫 -> 系 */
    {0x7E8C, 0x7EED}, /* 續 -> 续 */
    {0x7FA9, 0x4E49}, /* 義 -> 义 */
    {0x805E, 0x95FB}, /* 聞 -> 闻 */
    {0x806F, 0x8054}, /* 聯 -> 联 */
    {0x8072, 0x58F0}, /* 聲 -> 声 */
    {0x8077, 0x804C}, /* 職 -> 职 */
    {0x807D, 0x542C}, /* 聽 -> 听 */
    {0x81FA, 0x53F0}, /* 臺 -> 台 */
    {0x8207, 0x4E0E}, /* 與 -> 与 */
    {0x85A6, 0x8350}, /* 薦 -> 荐 */
    {0x8655, 0x5904}, /* 處 -> 处 */
    {0x865F, 0x53F7}, /* 號 -> 号 */
    {0x88CF, 0x91CC}, /* 裏 -> 里 */
    {0x88E1, 0x91CC}, /* 裡 -> 里 */
    {0x8907, 0x590D}, /* 複 -> 复 */
    {0x8986, 0x590D}, /* 覆 -> 复 */
    {0x898B, 0x89C1}, /* 見 -> 见 */
    {0x898F, 0x89C4}, /* 規 -> 规 */
    {0x8996, 0x89C6}, /* 視 -> 视 */
    {0x89BA, 0x89C9}, /* 覺 -> 觉 */
    {0x8A08, 0x8BA1}, /* 計 -> 计 */
    {0x8A0A, 0x8BAF}, /* 訊 -> 讯 */
    {0x8A2D, 0x8BBE}, /* 設 -> 设 */
    {0x8A31, 0x8BB8}, /* 許 -> 许 */
    {0x8A55, 0x8BC4}, /* 評 -> 评 */
    {0x8A66, 0x8BD5}, /* 試 -> 试 */
    {0x8A71, 0x8BDD}, /* 話 -> 话 */
    {0x8A72, 0x8BE5}, /* 該 -> 该 */
    {0x8A8D, 0x8BA4}, /* 認 -> 认 */
    {0x8A9E, 0x8BED}, /* 語 -> 语 */
    {0x8AAA, 0x8BF4}, /* 說 -> 说 */
    {0x8AB2, 0x8BFE}, /* 課 -> 课 */
    {0x8ABF, 0x8C03}, /* 調 -> 调 */
    {0x8AC7, 0x8C08}, /* 談 -> 谈 */
    {0x8ACB, 0x8BF7}, /* 請 -> 请 */
    {0x8AD6, 0x8BBA}, /* 論 -> 论 */
    {0x8B1D, 0x8C22}, /* 謝 -> 谢 */
    {0x8B49, 0x8BC1}, /* 證 -> 证 */
    {0x8B58, 0x8BC6}, /* 識 -> 识 */
    {0x8B6F, 0x8BD1}, /* 譯 -> 译 */
    {0x8B70, 0x8BAE}, /* 議 -> 议 */
    {0x8B80, 0x8BFB}, /* 讀 -> 读 */
    {0x8B93, 0x8BA9}, /* 讓 -> 让 */
    {0x8CC7, 0x8D44}, /* 資 -> 资 */
    {0x8F03, 0x8F83}, /* 較 -> 较 */
    {0x8F2A, 0x8F6E}, /* 輪 -> 轮 */
    {0x8F49, 0x8F6C}, /* 轉 -> 转 */
    {0x8FA6, 0x529E}, /* 辦 -> 办 */
    {0x9019, 0x8FD9}, /* 這 -> 这 */
    {0x9031, 0x5468}, /* 週 -> 周 */
    {0x9032, 0x8FDB}, /* 進 -> 进 */
    {0x904B, 0x8FD0}, /* 運 -> 运 */
    {0x904E, 0x8FC7}, /* 過 -> 过 */
    {0x9054, 0x8FBE}, /* 達 -> 达 */
    {0x905E, 0x9012}, /* 遞 -> 递 */
    {0x9069, 0x9002}, /* 適 -> 适 */
    {0x9078, 0x9009}, /* 選 -> 选 */
    {0x9084, 0x8FD8}, /* 還 -> 还 */
    {0x9304, 0x5F55}, /* 錄 -> 录 */
    {0x9322, 0x94B1}, /* 錢 -> 钱 */
    {0x932F, 0x9519}, /* 錯 -> 错 */
    {0x9580, 0x95E8}, /* 門 -> 门 */
    {0x9589, 0x95ED}, /* 閉 -> 闭 */
    {0x9593, 0x95F4}, /* 間 -> 间 */
    {0x968A, 0x961F}, /* 隊 -> 队 */
    {0x968E, 0x9636}, /* 階 -> 阶 */
    {0x969B, 0x9645}, /* 際 -> 际 */
    {0x96D6, 0x867D}, /* 雖 -> 虽 */
    {0x96E2, 0x79BB}, /* 離 -> 离 */
    {0x96FB, 0x7535}, /* 電 -> 电 */
    {0x9805, 0x9879}, /* 項 -> 项 */
    {0x9818, 0x9886}, /* 領 -> 领 */
    {0x982D, 0x5934}, /* 頭 -> 头 */
    {0x984C, 0x9898}, /* 題 -> 题 */
    {0x986F, 0x663E}, /* 顯 -> 显 */
    {0x9A57, 0x9A8C}, /* 驗 -> 验 */
    {0x9AD4, 0x4F53}, /* 體 -> 体 */
    {0x9B06, 0x677E}, /* 鬆 -> 松 */
    {0x9EBC, 0x4E48}, /* 麼 -> 么 */
    {0x9EBD, 0x4E48}, /* 麽 -> 么 */
    {0x9EDE, 0x70B9}, /* 點 -> 点 */
    {0x9F4A, 0x9F50}, /* 齊 -> 齐 */
};

/* The simplified form of traditional code point CP, or 0. */
static uint32_t
simplified(uint32_t cp)
{
    size_t lo = 0, hi = sizeof trad_pairs / sizeof trad_pairs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (trad_pairs[mid][0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sizeof trad_pairs / sizeof trad_pairs[0] &&
        trad_pairs[lo][0] == cp && trad_pairs[lo][1] != cp)
        return trad_pairs[lo][1];
    return 0;
}

char *
ivs_verdict_fold_traditional(const char *s, size_t n)
{
    char *out = NULL;
    for (size_t i = 0; i + 3 <= n; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 ||
            (u[2] & 0xC0) != 0x80)
            continue;
        uint32_t cp = (uint32_t)(u[0] & 0x0F) << 12 |
                      (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        uint32_t to = simplified(cp);
        if (!to) {
            i += 2;
            continue;
        }
        if (!out) {
            if (!(out = malloc(n + 1)))
                return NULL;
            memcpy(out, s, n);
            out[n] = '\0';
        }
        out[i] = (char)(0xE0 | (to >> 12));
        out[i + 1] = (char)(0x80 | ((to >> 6) & 0x3F));
        out[i + 2] = (char)(0x80 | (to & 0x3F));
        i += 2;
    }
    return out;
}

/* ---- outcomes in titles ------------------------------------------------- */

#define TITLE_MAX 400

/* Folds a title (shorter than MAX bytes) into BUF (CAP bytes): traditional characters simplified,
 * ASCII lower case, full-width ASCII narrowed, spaces dropped. Returns
 * the length, 0 when the title is too long to be one. */
static size_t
fold_title(const char *s, size_t n, char *buf, size_t cap, size_t max)
{
    if (n >= max || n + 1 > cap)
        return 0;
    char *trad = ivs_verdict_fold_traditional(s, n);
    const char *t = trad ? trad : s;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] >= 0xBC &&
            (unsigned char)t[i + 1] <= 0xBD) {
            /* U+FF01..U+FF5E to ASCII */
            uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
                          (uint32_t)((unsigned char)t[i + 1] & 0x3F) << 6 |
                          ((unsigned char)t[i + 2] & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                c = (unsigned char)(cp - 0xFEE0);
                i += 2;
            }
        }
        if (c == ' ' || c == '\t')
            continue;
        if (starts_with(t + i, n - i, "\xE3\x80\x80")) { /* ideographic */
            i += 2;
            continue;
        }
        buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[o] = '\0';
    free(trad);
    return o;
}

typedef struct {
    const char *word;
    ivs_verdict_t verdict;
} outcome_t;

/* Outcome words that state the result wherever they stand in a title. */
static const outcome_t outcome_words[] = {
    {"凉经", IVS_VERDICT_FAIL},      {"凉了", IVS_VERDICT_FAIL},
    {"凉凉", IVS_VERDICT_FAIL},      {"已凉", IVS_VERDICT_FAIL},
    {"面凉", IVS_VERDICT_FAIL},      {"挂经", IVS_VERDICT_FAIL},
    {"面挂", IVS_VERDICT_FAIL},      {"秒挂", IVS_VERDICT_FAIL},
    {"被挂", IVS_VERDICT_FAIL},      {"已挂", IVS_VERDICT_FAIL},
    {"被拒", IVS_VERDICT_FAIL},      {"被刷", IVS_VERDICT_FAIL},
    {"感谢信", IVS_VERDICT_FAIL},    {"寄了", IVS_VERDICT_FAIL},
    {"面寄", IVS_VERDICT_FAIL},      {"面卒", IVS_VERDICT_FAIL},
    {"未通过", IVS_VERDICT_FAIL},    {"没通过", IVS_VERDICT_FAIL},
    {"不通过", IVS_VERDICT_FAIL},    {"没过", IVS_VERDICT_FAIL},
    {"没给过", IVS_VERDICT_FAIL},    {"rejected", IVS_VERDICT_FAIL},
    {"等通知", IVS_VERDICT_PENDING}, {"泡池子", IVS_VERDICT_PENDING},
    {"池子里", IVS_VERDICT_PENDING}, {"等结果", IVS_VERDICT_PENDING},
    {"待定", IVS_VERDICT_PENDING},   {"等offer", IVS_VERDICT_PENDING},
    {"等oc", IVS_VERDICT_PENDING},   {"已oc", IVS_VERDICT_PASS},
    {"oc了", IVS_VERDICT_PASS},      {"拿到offer", IVS_VERDICT_PASS},
    {"收到offer", IVS_VERDICT_PASS}, {"拿offer", IVS_VERDICT_PASS},
    {"喜提offer", IVS_VERDICT_PASS}, {"已offer", IVS_VERDICT_PASS},
    {"获得offer", IVS_VERDICT_PASS}, {"offer到手", IVS_VERDICT_PASS},
    {"offerget", IVS_VERDICT_PASS},  {"getoffer", IVS_VERDICT_PASS},
    {"gotoffer", IVS_VERDICT_PASS},  {"offer+1", IVS_VERDICT_PASS},
    {"意向书", IVS_VERDICT_PASS},    {"已上岸", IVS_VERDICT_PASS},
    {"上岸", IVS_VERDICT_PASS},      {"已通过", IVS_VERDICT_PASS},
    {"面通过", IVS_VERDICT_PASS},    {"面试通过", IVS_VERDICT_PASS},
    {"已过", IVS_VERDICT_PASS},      {"面过了", IVS_VERDICT_PASS},
};

/* Whether the title's "过" at I (or "通过") ends it as an outcome: at the
 * end, before closing marks and particles ("海康一面过！", "一面过了"), or
 * after a dash or inside brackets ("面经-过", "（过）"). */
static int
pass_at_end(const char *t, size_t n, size_t i, size_t wl)
{
    size_t j = i + wl;
    static const char *const after[] = {"了", "啦", "!", "！", ")", "）", "】",
                                        "]",  "~",  ".", "。", "-", "～"};
    for (int changed = 1; changed && j < n;) {
        changed = 0;
        for (size_t k = 0; k < sizeof after / sizeof after[0]; k++)
            if (starts_with(t + j, n - j, after[k])) {
                j += strlen(after[k]);
                changed = 1;
                break;
            }
    }
    if (j == n || starts_with(t + j, n - j, ".md"))
        return 1;
    return i > 0 && (t[i - 1] == '-' || t[i - 1] == '(' ||
                     (i >= 3 && (starts_with(t + i - 3, 3, "（") ||
                                 starts_with(t + i - 3, 3, "【"))));
}

/* "oc" as a word of its own: not a part of a Latin word ("docker"). */
static int
lone_oc(const char *t, size_t n, size_t i)
{
    return starts_with(t + i, n - i, "oc") &&
           (i == 0 || !((t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
                        (t[i - 1] >= '0' && t[i - 1] <= '9'))) &&
           (i + 2 == n || !((t[i + 2] >= 'a' && t[i + 2] <= 'z') ||
                            (t[i + 2] >= '0' && t[i + 2] <= '9')));
}

/* Merges as ivs_verdict_detect() does: fail > pending > pass. */
static ivs_verdict_t
stronger(ivs_verdict_t a, ivs_verdict_t b)
{
    static const int rank[] = {0, 1, 3, 2};
    return rank[b] > rank[a] ? b : a;
}

ivs_verdict_t
ivs_verdict_from_title(const char *text, size_t len)
{
    char t[TITLE_MAX + 1];
    size_t n = text ? fold_title(text, len, t, sizeof t, TITLE_MAX) : 0;
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    /* A question ("是不是凉了？", "服务挂了怎么办？", "一面挂了之后如何调整
     * 心态") states nothing. */
    if (memchr(t, '?', n) || strstr(t, "？") || strstr(t, "如何") ||
        strstr(t, "怎么") || strstr(t, "怎样"))
        return v;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)t[i] & 0xC0) == 0x80)
            continue;
        /* Negated outcomes say nothing: "没挂", "不凉", "没给过". */
        int negated = 0;
        for (size_t back = 3; back <= 6 && back <= i; back += 3)
            negated |= starts_with(t + i - back, 3, "没") ||
                       starts_with(t + i - back, 3, "不") ||
                       starts_with(t + i - back, 3, "未");
        for (size_t k = 0; k < sizeof outcome_words / sizeof outcome_words[0];
             k++)
            if (starts_with(t + i, n - i, outcome_words[k].word) &&
                !(negated && outcome_words[k].verdict != IVS_VERDICT_FAIL) &&
                /* a rate is no outcome: "面试通过率", "上岸率" */
                !starts_with(t + i + strlen(outcome_words[k].word),
                             n - i - strlen(outcome_words[k].word), "率"))
                v = stronger(v, outcome_words[k].verdict);
        if (lone_oc(t, n, i))
            v = stronger(v, IVS_VERDICT_PASS);
        if (starts_with(t + i, n - i, "挂") && pass_at_end(t, n, i, 3) &&
            !negated)
            v = stronger(v, IVS_VERDICT_FAIL);
        if (starts_with(t + i, n - i, "过") && !negated &&
            !(i >= 3 && starts_with(t + i - 3, 3, "通")) &&
            pass_at_end(t, n, i, 3))
            v = stronger(v, IVS_VERDICT_PASS);
        if (starts_with(t + i, n - i, "通过") && !negated &&
            pass_at_end(t, n, i, 6))
            v = stronger(v, IVS_VERDICT_PASS);
    }
    return v;
}

/* ---- outcomes stated in the text ---------------------------------------
 *
 * Candidates tell the outcome in a sentence anywhere in a write-up: "一面
 * 过了，下面是二面的问题", "最后还是挂在了三面", "第二天hr打电话说过了",
 * "二面完第二天就收到了感谢信". A clause states an outcome when it ends
 * with an outcome expression whose subject is the interview or the writer
 * (a round, 面试, 我, or an adverb of ending such as 最后, 结果): "服务挂了"
 * and "这题做过" do not. Lines that ask, quote, suppose or report other
 * people's results say nothing, nor do clauses of belief or hope. */

#define STATEMENT_LINE_MAX 1024

/* Whether S (N bytes) contains one of the NULL-terminated WORDS. */
static int
has_any(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (has(s, n, *words))
            return 1;
    return 0;
}

/* Drops from the end of S (*N bytes) the first of WORDS it ends with;
 * returns 1 when one was dropped. */
static int
drop_end(const char *s, size_t *n, const char *const *words)
{
    for (; *words; words++)
        if (ends_with(s, *n, *words)) {
            *n -= strlen(*words);
            return 1;
        }
    return 0;
}

/* A line whose statements are never the writer's outcome: it asks, it
 * supposes, or it reports on other people. */
static const char *const line_not_own[] = {
    "?",      "？",     "吗",   "如果",   "要是",   "假如",   "万一", "倘若",
    "若是",   "的话",   "是否", "是不是", "会不会", "能不能", "怎么", "如何",
    "为什么", "为啥",   "听说", "据说",   "他们",   "别人",   "同学", "朋友",
    "群友",   "学长",   "学姐", "室友",   "网友",   "有人",   "大家", "很多人",
    "其他人", "认识的", "身边", "舍友",   "同事",   "同组",   "同批", "几个人",
    "两个人", "的人",   "人都", NULL};

/* A clause of belief, hope or ignorance: "本来以为稳了", "希望能过". */
static const char *const clause_unsure[] = {
    "以为", "希望", "感觉", "觉得", "估计",   "可能", "大概", "应该",
    "八成", "担心", "似乎", "好像", "不知道", "祈祷", "保佑", "但愿",
    "准备", "你",   "您",   "怕",   "不要",   "别",   "即便", "即使",
    "哪怕", "就算", "一般", "通常", "往往",   "不妨", NULL};

/* Words of tests, code and systems: what passes or crashes there is not
 * the candidate ("测试用例都过了", "主节点挂了"). */
static const char *const clause_technical[] = {
    "测试", "用例", "编译", "代码", "单测", "题", "审核",
    "审批", "校验", "验证", "case", "test", NULL};

/* Adverbs that may stand between the subject and the outcome; the
 * first six also say "in the end", which makes a subject of their own. */
static const char *const final_adverbs[] = {"最后", "还是", "结果", "果然",
                                            "最终", "终究", NULL};
static const char *const other_adverbs[] = {
    "也", "又", "就", "都", "已经", "已", "直接", "居然", "竟然", "顺利",
    "成功", "终于", "被", "惨",
    /* time words: "二面当天就通过了", "面完第二天就挂了" */
    "当天", "今天", "昨天", "第二天", "隔天", "当场", "很快", "马上", "立马",
    NULL};

/* Subjects of an outcome: a round or the interview, the writer, or the
 * one who tells it ("面完", "hr说", "通知"). */
static const char *const outcome_subjects[] = {"面试", "我",   "通知",
                                               "面完", "笔试", NULL};

/* Whether S (N bytes) ends with a round: "一面", "这一面", "终面", "hr面",
 * "技术面", "三轮", "这轮"; not a word that ends with 面 or 轮 ("页面",
 * "界面", "货轮"). */
static int
ends_with_round(const char *s, size_t n)
{
    static const char *const before_mian[] = {
        "一",   "二",   "三",   "四",     "五",   "六",   "七",   "八",
        "九",   "十",   "终",   "这",     "hr",   "技术", "业务", "交叉",
        "主管", "总监", "群",   "单",     "现场", "视频", "电话", "加",
        "复",   "初",   "综合", "leader", NULL};
    static const char *const before_lun[] = {
        "一", "二", "三", "四", "五", "六", "七", "八",     "九",
        "十", "两", "几", "这", "本", "首", "终", "最后一", NULL};
    size_t m = n;
    const char *const *before = NULL;
    if (ends_with(s, n, "面"))
        before = before_mian;
    else if (ends_with(s, n, "轮"))
        before = before_lun;
    else
        return 0;
    m -= 3;
    if (m > 0 && s[m - 1] >= '0' && s[m - 1] <= '9')
        return 1; /* "1面", "3轮" */
    for (; *before; before++)
        if (ends_with(s, m, *before))
            return 1;
    return 0;
}

/* Whether the head of a clause (HEAD bytes before its outcome word) ends
 * with a subject of the outcome, after the adverbs; an adverb of ending
 * alone ("最后挂了") is one unless STRICT ("最终通过 JEP 444" is "via"). */
static int
has_subject_of(const char *s, size_t head, int strict)
{
    int final = 0;
    for (int changed = 1; changed && head > 0;) {
        changed = 0;
        if (drop_end(s, &head, final_adverbs))
            changed = final = 1;
        else if (drop_end(s, &head, other_adverbs))
            changed = 1;
    }
    if (final && !strict)
        return 1;
    for (const char *const *w = outcome_subjects; *w; w++)
        if (ends_with(s, head, *w))
            return 1;
    return ends_with_round(s, head);
}

static int
has_subject(const char *s, size_t head)
{
    return has_subject_of(s, head, 0);
}

/* "二面", "三面", "终面", "hr面", "下一轮", "下一面": a round that follows
 * another, ending S (N bytes); its length or 0. */
static size_t
next_round_at_end(const char *s, size_t n)
{
    static const char *const rounds[] = {
        "下一轮", "下一面", "二面",   "三面",   "四面",   "五面", "终面",
        "hr面",   "复试",   "交叉面", "主管面", "总监面", "加面", NULL};
    size_t m = n;
    static const char *const tails[] = {"面试", "邀请", "通知", "的", NULL};
    while (drop_end(s, &m, tails))
        ;
    for (const char *const *w = rounds; *w; w++)
        if (ends_with(s, m, *w))
            return n - (m - strlen(*w));
    return 0;
}

/* Whether the head of a waiting clause (HEAD bytes before "等通知") has the
 * writer wait, not a thread or a request ("其他线程等待结果"): nothing, a
 * word of time or telling, the interview, hr or the writer. */
static int
waits_the_writer(const char *s, size_t head)
{
    static const char *const lead[] = {
        "在",   "还在", "正在", "目前", "现在", "说",   "让",   "让我",
        "叫我", "要我", "继续", "慢慢", "安心", "乖乖", "就",   "先",
        "还",   "一直", "然后", "之后", "后",   "只能", "接着", NULL};
    if (head == 0 || has(s, head, "hr") || has(s, head, "面") ||
        has(s, head, "我"))
        return 1;
    for (const char *const *w = lead; *w; w++)
        if (ends_with(s, head, *w))
            return 1;
    return 0;
}

/* The length of clause S (N bytes) without its trailing particles, emoji
 * and marks ("过了哈哈😄", "挂了。。"); *LE is set when a 了 went. */
static size_t
strip_particles(const char *s, size_t n, int *le)
{
    const unsigned char *u = (const unsigned char *)s;
    while (n > 0) {
        unsigned char c = u[n - 1];
        if (c == '~' || c == '!' || c == '.' || c == ' ' || c == '\t') {
            n--;
            continue;
        }
        if (n >= 4 && u[n - 4] == 0xF0) { /* emoji and other astral marks */
            n -= 4;
            continue;
        }
        if (n < 3 || (u[n - 3] & 0xF0) != 0xE0)
            break;
        uint32_t cp = (uint32_t)(u[n - 3] & 0x0F) << 12 |
                      (uint32_t)(u[n - 2] & 0x3F) << 6 | (u[n - 1] & 0x3F);
        if (cp == 0x4E86) /* 了 */
            *le = 1;
        else if (!(cp >= 0x2600 && cp <= 0x27BF) && cp != 0xFE0F &&
                 cp != 0x5566 && cp != 0x54C8 && cp != 0x5440 && /* 啦哈呀 */
                 cp != 0x554A && cp != 0x5427 && cp != 0x5462 && /* 啊吧呢 */
                 cp != 0x563F && cp != 0x563B && cp != 0x54E6 && /* 嘿嘻哦 */
                 cp != 0x5662 && cp != 0x634F && cp != 0x6B38 && /* 噢捏欸 */
                 cp != 0x8BF6 && cp != 0x3002 && cp != 0x2026 && /* 诶。… */
                 cp != 0xFF5E)                                   /* ～ */
            break;
        n -= 3;
    }
    return n;
}

/* Whether a clause (S, N bytes, particles stripped) may end with an
 * outcome expression: its last character ends one of them. Most clauses
 * of a write-up do not, and are not read further. */
static int
may_end_outcome(const char *s, size_t n)
{
    if (n > 0 && (s[n - 1] == 'r' || s[n - 1] == 'c' || s[n - 1] == 'R' ||
                  s[n - 1] == 'C'))
        return 1; /* offer, oc */
    if (n >= 3 && (ends_with(s, n, "中") || ends_with(s, n, "上")))
        n -= 3;
    if (n < 3 || ((unsigned char)s[n - 3] & 0xF0) != 0xE0)
        return 0;
    uint32_t cp = (uint32_t)((unsigned char)s[n - 3] & 0x0F) << 12 |
                  (uint32_t)((unsigned char)s[n - 2] & 0x3F) << 6 |
                  ((unsigned char)s[n - 1] & 0x3F);
    switch (cp) {
    case 0x4E66: /* 书 */
    case 0x4EF6: /* 件 */
    case 0x4FE1: /* 信 */
    case 0x51C9: /* 凉 */
    case 0x5237: /* 刷 */
    case 0x5352: /* 卒 */
    case 0x590D: /* 复 */
    case 0x5B50: /* 子 */
    case 0x5BC4: /* 寄 */
    case 0x5CB8: /* 岸 */
    case 0x606F: /* 息 */
    case 0x62D2: /* 拒 */
    case 0x6302: /* 挂 */
    case 0x6389: /* 掉 */
    case 0x6587: /* 文 */
    case 0x675F: /* 束 */
    case 0x679C: /* 果 */
    case 0x77E5: /* 知 */
    case 0x8BAF: /* 讯 */
    case 0x8BD5: /* 试 */
    case 0x8BDD: /* 话 */
    case 0x8BF7: /* 请 */
    case 0x8F6E: /* 轮 */
    case 0x8FC7: /* 过 */
    case 0x91CC: /* 里 */
    case 0x9759: /* 静 */
    case 0x9762: /* 面 */
    case 0x97F3: /* 音 */
    case 0x9988: /* 馈 */
    case 0x9002: /* 适 */
    case 0x6C70: /* 汰 */
    case 0x5B9A: /* 定 */
    case 0x7528: /* 用 */
    case 0x5411: /* 向 */
    /* the same in traditional script, and ⾯ (Kangxi) */
    case 0x2FAF: /* ⾯ */
    case 0x639B: /* 掛 */
    case 0x66F8: /* 書 */
    case 0x6DBC: /* 涼 */
    case 0x88CF: /* 裏 */
    case 0x88E1: /* 裡 */
    case 0x8986: /* 覆 */
    case 0x8A0A: /* 訊 */
    case 0x8A66: /* 試 */
    case 0x8A71: /* 話 */
    case 0x8ACB: /* 請 */
    case 0x8F2A: /* 輪 */
    case 0x904E: /* 過 */
    case 0x975C: /* 靜 */
    case 0x994B: /* 饋 */ return 1;
    default: return 0;
    }
}

/* The outcome one clause (folded, S of N bytes) states, or unknown. */
static ivs_verdict_t
clause_outcome(const char *s, size_t n)
{
    int le = 0;
    n = strip_particles(s, n, &le);
    if (n == 0 || has_any(s, n, clause_unsure))
        return IVS_VERDICT_UNKNOWN;
    int technical = has_any(s, n, clause_technical);
    int negated_head = 0;

    /* Pending: "hr说等通知", "还在泡池子", "面完一周了还没消息". */
    static const char *const waiting[] = {
        "等通知",   "等结果",   "等消息",   "等hr通知", "等待通知",
        "等待结果", "泡池子",   "池子里",   "还没消息", "还没有消息",
        "没消息",   "没有消息", "没下文",   "没动静",   "没有动静",
        "没回音",   "没有回音", "杳无音讯", NULL};
    size_t m = n;
    drop_end(s, &m, (const char *const[]){"中", NULL});
    for (const char *const *p = waiting; *p; p++)
        if (ends_with(s, m, *p) && !has(s, m, "不用") && !has(s, m, "别") &&
            waits_the_writer(s, m - strlen(*p)))
            return IVS_VERDICT_PENDING;
    /* "还在等hr面结果", "等二面通知": a round between 等 and its result. */
    static const char *const results[] = {"结果", "通知", "消息", NULL};
    size_t r = m;
    if (drop_end(s, &r, results))
        for (size_t back = 3; back <= 18 && back <= r; back++)
            if (starts_with(s + r - back, back, "等")) {
                size_t head = r - back;
                if (has(s + head, r - head, "面") &&
                    waits_the_writer(s, head) && !has(s, head, "不用") &&
                    !has(s, head, "别"))
                    return IVS_VERDICT_PENDING;
                break;
            }
    /* "hr说一周内给答复", "面完说会有结果": the answer promised is still to
     * come. */
    static const char *const promised[] = {
        "答复",   "回复",   "反馈",   "有结果", "出结果",
        "给结果", "有消息", "给消息", "给通知", NULL};
    size_t k = n;
    if (drop_end(s, &k, promised) && has(s, k, "说"))
        return IVS_VERDICT_PENDING;

    /* Fail. */
    if (ends_with(s, n, "感谢信") && !has(s, n, "没") && !has(s, n, "未") &&
        (has(s, n, "收到") || has(s, n, "发") || has(s, n, "来") ||
         has(s, n, "喜提") || has(s, n, "给")))
        return IVS_VERDICT_FAIL;
    static const char *const failed[] = {"秒挂", "面挂",       "面卒", "面寄",
                                         "凉凉", "流程就结束", NULL};
    for (const char *const *p = failed; *p; p++)
        if (ends_with(s, n, *p) && !technical)
            return IVS_VERDICT_FAIL;
    /* "一面就被刷了", not "接口被刷", "消息被拒". */
    static const char *const refused[] = {"被刷",   "被拒",   "被挂",
                                          "被刷掉", "被挂掉", NULL};
    for (const char *const *p = refused; *p; p++)
        if (ends_with(s, n, *p) && !technical &&
            (n == strlen(*p) || has_subject(s, n - strlen(*p))))
            return IVS_VERDICT_FAIL;
    /* "官网显示流程已结束", not "获取锁流程结束". */
    static const char *const ended[] = {"流程结束", "流程已结束",
                                        "流程已经结束", NULL};
    for (const char *const *p = ended; *p; p++)
        if (ends_with(s, n, *p)) {
            size_t head = n - strlen(*p);
            if (has(s, head, "官网") || has(s, head, "显示") ||
                has(s, head, "状态") || has(s, head, "面") ||
                has(s, head, "hr") || has(s, head, "我"))
                return IVS_VERDICT_FAIL;
        }
    /* "最后还是挂在了三面", "倒在了终面", "止步二面", "挂在hr面上". */
    for (size_t i = 0; i + 6 <= n; i++)
        if ((memcmp(s + i, "挂在", 6) == 0 || memcmp(s + i, "倒在", 6) == 0 ||
             memcmp(s + i, "止步", 6) == 0) &&
            !technical) {
            size_t rest = i + 6;
            if (starts_with(s + rest, n - rest, "了") ||
                starts_with(s + rest, n - rest, "于"))
                rest += 3;
            size_t r = n;
            drop_end(s, &r, (const char *const[]){"上", NULL});
            if (r > rest && r - rest <= 12 &&
                (ends_with(s, r, "面") || ends_with(s, r, "轮") ||
                 ends_with(s, r, "笔试")))
                return IVS_VERDICT_FAIL;
        }
    static const char *const fail_words[] = {
        "挂", "挂掉", "寄", "卒", "没过", "没通过", "没有通过", "未通过", NULL};
    for (const char *const *p = fail_words; *p; p++) {
        if (!ends_with(s, n, *p))
            continue;
        size_t head = n - strlen(*p);
        negated_head = ends_with(s, head, "不是") || ends_with(s, head, "没");
        if (!technical && !negated_head && has_subject(s, head))
            return IVS_VERDICT_FAIL;
    }
    /* "面完就知道凉了"; "要凉了", "快凉了" are fears. */
    if (ends_with(s, n, "凉") && le && !technical) {
        size_t head = n - 3;
        if (!ends_with(s, head, "要") && !ends_with(s, head, "快") &&
            !ends_with(s, head, "会") && !ends_with(s, head, "怕") &&
            !ends_with(s, head, "不"))
            return IVS_VERDICT_FAIL;
    }

    /* A status read off the site: "简历状态变成了不合适", "状态一直是面试
     * 中", "官网状态：已通过". */
    const char *st = NULL;
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(s + i, "状态", 6) == 0)
            st = s + i;
    if (st &&
        (has(s, (size_t)(st - s), "简历") || has(s, (size_t)(st - s), "官网") ||
         has(s, (size_t)(st - s), "面试") || has(s, (size_t)(st - s), "投递") ||
         has(s, (size_t)(st - s), "申请") || st == s)) {
        static const struct {
            const char *value;
            ivs_verdict_t verdict;
        } values[] = {
            {"不合适", IVS_VERDICT_FAIL},    {"已结束", IVS_VERDICT_FAIL},
            {"结束", IVS_VERDICT_FAIL},      {"未通过", IVS_VERDICT_FAIL},
            {"淘汰", IVS_VERDICT_FAIL},      {"面试中", IVS_VERDICT_PENDING},
            {"评估中", IVS_VERDICT_PENDING}, {"筛选中", IVS_VERDICT_PENDING},
            {"处理中", IVS_VERDICT_PENDING}, {"待定", IVS_VERDICT_PENDING},
            {"已通过", IVS_VERDICT_PASS},    {"通过", IVS_VERDICT_PASS},
            {"已录用", IVS_VERDICT_PASS},    {"录用", IVS_VERDICT_PASS},
        };
        for (size_t k = 0; k < sizeof values / sizeof values[0]; k++)
            if (ends_with(s, n, values[k].value) &&
                (size_t)(st - s) + 6 + strlen(values[k].value) <= n)
                return values[k].verdict;
    }

    /* Pass. */
    if (technical)
        return IVS_VERDICT_UNKNOWN;
    /* "拿到offer了", "已oc", "收到意向书", "已签". */
    static const char *const got[] = {
        "拿到了", "收到了", "接到了", "拿到", "拿了", "收到", "喜提",
        "获得",   "拿下",   "接到",   "发了", "给了", "拿",   NULL};
    for (const char *const *p =
             (const char *const[]){"offer", "意向书", "意向", "录用通知",
                                   "录取通知", NULL};
         *p; p++)
        if (ends_with(s, n, *p)) {
            size_t head = n - strlen(*p);
            if (drop_end(s, &head, got) && !ends_with(s, head, "没") &&
                !ends_with(s, head, "未") && !ends_with(s, head, "想"))
                return IVS_VERDICT_PASS;
        }
    /* "收到了oc电话", "接到offer邮件": the call that brings the offer. */
    static const char *const calls[] = {"电话", "邮件", "短信", "通知", NULL};
    size_t c = n;
    if (drop_end(s, &c, calls) &&
        (ends_with(s, c, "oc") || ends_with(s, c, "offer")) &&
        (has(s, c, "收到") || has(s, c, "接到") || has(s, c, "来了")) &&
        !has(s, c, "没") && !has(s, c, "未"))
        return IVS_VERDICT_PASS;
    if (ends_with(s, n, "oc") &&
        (n == 2 || !((s[n - 3] >= 'a' && s[n - 3] <= 'z') ||
                     (s[n - 3] >= '0' && s[n - 3] <= '9')))) {
        size_t head = n - 2;
        if (le || ends_with(s, head, "已") || ends_with(s, head, "已经") ||
            ends_with(s, head, "顺利") || ends_with(s, head, "成功"))
            return IVS_VERDICT_PASS;
    }
    /* "已上岸", "我上岸了", not "提速上岸", "也能上岸". */
    if (ends_with(s, n, "上岸")) {
        size_t head = n - 6;
        if (!ends_with(s, head, "能") && !ends_with(s, head, "想") &&
            !ends_with(s, head, "没") &&
            (le || head == 0 || has_subject(s, head) ||
             ends_with(s, head, "已") || ends_with(s, head, "已经") ||
             ends_with(s, head, "成功") || ends_with(s, head, "顺利") ||
             ends_with(s, head, "终于")))
            return IVS_VERDICT_PASS;
    }
    /* "约了二面", "进入hr面", "收到了三面邀请", "通知进入下一轮". */
    size_t round = next_round_at_end(s, n);
    if (round) {
        size_t head = n - round;
        static const char *const advance[] = {
            "约了", "约",     "进入", "进",   "收到了", "收到",
            "通知", "安排了", "走到", "来到", "到了",   NULL};
        if (drop_end(s, &head, advance) && !has(s, head, "没") &&
            !has(s, head, "不") && !has(s, head, "未") &&
            !ends_with(s, head, "等"))
            return IVS_VERDICT_PASS;
    }
    /* "一面过了", "这一面也过了", "hr打电话说过了", "面试已通过". */
    static const char *const passed[] = {"通过", "过", NULL};
    for (const char *const *p = passed; *p; p++) {
        if (!ends_with(s, n, *p))
            continue;
        size_t head = n - strlen(*p);
        if (strcmp(*p, "过") == 0 && ends_with(s, head, "通"))
            break; /* "通过" is the other entry */
        static const char *const cannot[] = {"没", "不", "未", "能", "可以",
                                             "会", "想", "要", "难", NULL};
        size_t h = head;
        if (drop_end(s, &h, cannot))
            continue;
        /* "说过了" is "said before" unless someone tells a result. */
        if (ends_with(s, head, "说") || ends_with(s, head, "通知") ||
            ends_with(s, head, "通知我"))
            return (has(s, head, "hr") || has(s, head, "电话") ||
                    has(s, head, "通知") || has(s, head, "面试官") ||
                    has(s, head, "邮件"))
                       ? IVS_VERDICT_PASS
                       : IVS_VERDICT_UNKNOWN;
        if ((le || strlen(*p) == 6 || ends_with(s, head, "面")) &&
            has_subject_of(s, head, strlen(*p) == 6))
            return IVS_VERDICT_PASS;
    }
    (void)negated_head;
    return IVS_VERDICT_UNKNOWN;
}

/* Length of a clause delimiter at S (N bytes) in folded text, or 0. */
static size_t
statement_delim(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ',' || c == ';' || c == ':' || c == '|' || c == '(' || c == ')' ||
        c == '[' || c == ']' || c == '"' || c == '`')
        return 1;
    /* Every delimiter below is a three-byte sequence led by E2, E3 or EF:
     * the lead byte settles most characters at once. */
    if ((c != 0xE2 && c != 0xE3 && c != 0xEF) || n < 3)
        return 0;
    uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
                  (uint32_t)((unsigned char)s[1] & 0x3F) << 6 |
                  ((unsigned char)s[2] & 0x3F);
    switch (cp) {
    case 0xFF0C: /* ， */
    case 0x3002: /* 。 */
    case 0xFF1B: /* ； */
    case 0xFF01: /* ！ */
    case 0x3001: /* 、 */
    case 0xFF1A: /* ： */
    case 0xFF5C: /* ｜ */
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */
    case 0x3010: /* 【 */
    case 0x3011: /* 】 */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x2014: /* — */ return 3;
    default: return 0;
    }
}

/* Whether some clause of LINE (LEN bytes, not folded) may end with an
 * outcome expression: the cheap test that lets most lines go unfolded. */
static int
line_may_state(const char *line, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len;) {
        size_t d = i < len ? statement_delim(line + i, len - i) : 1;
        if (d == 0) {
            i++;
            while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        size_t e = i;
        while (e > start && (line[e - 1] == ' ' || line[e - 1] == '\t' ||
                             line[e - 1] == '\r'))
            e--;
        while (e >= start + 3 && ends_with(line + start, e - start, "　"))
            e -= 3;
        int le;
        if (e > start &&
            may_end_outcome(line + start,
                            strip_particles(line + start, e - start, &le)))
            return 1;
        i += d;
        start = i;
    }
    return 0;
}

/* The outcome one line states: the strongest of its clauses, as a line
 * such as "快手二面卒，字节一面卒" speaks of several rounds at once. */
static ivs_verdict_t
line_outcome(const char *line, size_t len)
{
    char t[STATEMENT_LINE_MAX + 1];
    if (!line_may_state(line, len))
        return IVS_VERDICT_UNKNOWN;
    size_t skip = ivs_text_skip_marks(line, len);
    size_t n =
        fold_title(line + skip, len - skip, t, sizeof t, STATEMENT_LINE_MAX);
    if (n == 0)
        return IVS_VERDICT_UNKNOWN;
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    int own = -1; /* whether the line may be the writer's: read once */
    size_t start = 0;
    /* The marks skipped may open a quote: "1. `海康一面过！`". */
    int quoted = memchr(line, '`', skip) != NULL;
    for (size_t i = 0; i <= n;) {
        size_t d = i < n ? statement_delim(t + i, n - i) : 1;
        if (d == 0) {
            i++;
            while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        /* Quoted words ("冲着“拿offer”的心态", `code`) and the words of a
         * Markdown link ("最终通过 [JEP 444](…)") state nothing. */
        const char *at = t + i;
        int opens = i < n && (starts_with(at, n - i, "“") ||
                              starts_with(at, n - i, "「") ||
                              ((*at == '"' || *at == '`') && !quoted));
        int closes = i < n && (starts_with(at, n - i, "”") ||
                               starts_with(at, n - i, "」") ||
                               ((*at == '"' || *at == '`') && quoted));
        int le;
        if (i > start && !quoted && !(i < n && *at == '[') &&
            may_end_outcome(t + start,
                            strip_particles(t + start, i - start, &le))) {
            ivs_verdict_t cv = clause_outcome(t + start, i - start);
            /* the line's own test, once, and only for a clause that
             * states something (it reads the whole line) */
            if (cv != IVS_VERDICT_UNKNOWN && own < 0)
                own = !has_any(t, n, line_not_own);
            if (cv != IVS_VERDICT_UNKNOWN && !own)
                return IVS_VERDICT_UNKNOWN;
            v = stronger(v, cv);
        }
        if (opens)
            quoted = 1;
        else if (closes)
            quoted = 0;
        i += d;
        start = i;
    }
    return v;
}

ivs_verdict_t
ivs_verdict_from_statements(const char *text, size_t len)
{
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    int fence = 0, quote = 0;
    size_t pos = 0;
    /* A YAML front matter describes the page; its title is read as one. */
    if (text && len >= 4 && memcmp(text, "---\n", 4) == 0) {
        const char *close = NULL;
        for (size_t i = 4; i + 4 <= len && !close; i++)
            if (text[i - 1] == '\n' && memcmp(text + i, "---", 3) == 0 &&
                (i + 3 == len || text[i + 3] == '\n' || text[i + 3] == '\r'))
                close = text + i;
        if (close)
            pos = (size_t)(close - text) + 3;
    }
    while (text && pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *line = text + pos;
        size_t n = end - pos, i = 0;
        pos = end + 1;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (starts_with(line + i, n - i, "```") ||
            starts_with(line + i, n - i, "~~~")) {
            fence = !fence;
            continue;
        }
        /* Quoted material is someone else's words. */
        int tag = memchr(line, '<', n) != NULL;
        if (tag && has(line, n, "<blockquote"))
            quote = 1;
        if (tag && has(line, n, "</blockquote>")) {
            quote = 0;
            continue;
        }
        if (fence || quote || n - i > STATEMENT_LINE_MAX || i == n ||
            line[i] == '>' || line[i] == '#' || line[i] == '|')
            continue;
        /* The last round stated is the outcome of the write-up. */
        ivs_verdict_t lv = line_outcome(line + i, n - i);
        if (lv != IVS_VERDICT_UNKNOWN)
            v = lv;
    }
    return v;
}
