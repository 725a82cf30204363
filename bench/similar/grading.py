"""The documents of bench/similar and the rule that grades a pair of them.

The rule (README.md says it in words): a hiring manager calls interview B
like interview A when B is for the same role family and covers the same
technical areas.

* Role family: go, cpp or java, from where the write-up sits and what its
  file name or first heading says (a "Java" title in a Go folder is java).
* Areas: fourteen technical areas, each a list of keywords below.  An area
  is covered when its keywords occur at least AREA_MIN times in the text
  (case-insensitive; Latin keywords as whole words).
* Grade 2: same family and at least three shared areas with a Jaccard
  overlap of at least 0.5; grade 1: same family and at least two shared
  areas; grade 0 otherwise.

The keyword lists were written from general knowledge of backend
interviews before any system was run on the set; they are not the
taxonomy of data/topics.txt nor anything the systems compute.
"""
import os
import re
import unicodedata

AREA_MIN = 3

AREAS = {
    "go-lang": "goroutine channel gmp golang defer panic recover select slice "
               "waitgroup sync.map sync.once context 协程 逃逸分析 切片 go语言",
    "cpp-lang": "c++ stl vector 智能指针 shared_ptr unique_ptr 虚函数 虚表 多态 "
                "模板 析构 构造函数 右值 移动语义 lambda 指针 引用 new delete",
    "java-lang": "java jvm spring hashmap synchronized 类加载 springboot mybatis "
                 "concurrenthashmap 双亲委派 arraylist volatile",
    "gc-memory": "gc 垃圾回收 三色标记 写屏障 内存泄漏 内存分配 内存池 内存对齐 "
                 "内存管理 malloc tcmalloc",
    "database": "mysql 索引 事务 b+树 mvcc 隔离级别 sql 数据库 innodb 回表 "
                "慢查询 分库分表 binlog redo undo",
    "cache": "redis 缓存 缓存击穿 缓存雪崩 缓存穿透 持久化 rdb aof 跳表 zset",
    "mq": "kafka 消息队列 rocketmq rabbitmq mq 消费者 生产者 消息丢失 offset",
    "network": "tcp udp http https 三次握手 四次挥手 拥塞控制 滑动窗口 time_wait "
               "dns 网络 socket",
    "os": "进程 线程 虚拟内存 页表 死锁 系统调用 内核 用户态 上下文切换 "
          "进程间通信 信号量 互斥锁 自旋锁",
    "io": "epoll select poll io多路复用 reactor 零拷贝 非阻塞",
    "algorithm": "算法 leetcode 链表 二叉树 排序 动态规划 手撕 数组 哈希表 "
                 "快排 堆 回溯 二分",
    "distributed": "分布式 微服务 raft paxos 一致性 负载均衡 etcd 注册中心 rpc "
                   "grpc 限流 熔断 分布式锁 consul zookeeper",
    "cloud": "docker k8s kubernetes 容器 pod 云原生",
    "design": "设计模式 单例 工厂模式 观察者 系统设计 高并发 架构",
}

_KW = {a: s.split() for a, s in AREAS.items()}
_LATIN = re.compile(r"^[a-z0-9_.+#]+$")


def _norm(text):
    return unicodedata.normalize("NFKC", text).lower()


def areas_of(text):
    t = _norm(text)
    found = set()
    for area, words in _KW.items():
        n = 0
        for w in words:
            if _LATIN.match(w):
                n += len(re.findall(r"(?<![a-z0-9_])" + re.escape(w) +
                                    r"(?![a-z0-9_])", t))
            else:
                n += t.count(w)
        if n >= AREA_MIN:
            found.add(area)
    return found


def family_of(doc_id, text):
    head = _norm(os.path.basename(doc_id) + " " + text[:300])
    if doc_id.startswith("sample#"):
        return "go"
    if re.search(r"java(?!script)", head):
        return "java"
    if "interview-experience/c++/" in doc_id.lower():
        if re.search(r"(?<![a-z])(go|golang)(?![a-z])", head):
            return "go"
        return "cpp"
    if "interview-experience/java/" in doc_id.lower():
        return "java"
    return "go"     # golang-guide, go_interview, robinlg-blog, Go/


def grade(a, b):
    if a["family"] != b["family"]:
        return 0
    shared = a["areas"] & b["areas"]
    either = a["areas"] | b["areas"]
    if len(shared) >= 3 and len(shared) / len(either) >= 0.5:
        return 2
    return 1 if len(shared) >= 2 else 0


# Files that are not interview write-ups (mianjing/README.md names them).
SKIP_PARTS = ("/题目讨论/", "/面试技巧/", "链表排序.md", "笔试题目.md",
              "金山云 2023届校招", "腾讯笔试.md", "40亿QQ号")


def load_documents(shared):
    """[(doc_id, text, {"family", "areas"})]: the sample's seven interviews
    (split at lines starting with 面试内容) and the mianjing write-ups."""
    docs = []
    with open(os.path.join(shared, "seeds", "interviews-sample.txt"),
              encoding="utf-8") as f:
        parts, cur = [], None
        for line in f:
            if line.startswith("面试内容"):
                cur = [line]
                parts.append(cur)
            elif cur is not None:
                cur.append(line)
    for i, p in enumerate(parts, 1):
        docs.append(("sample#%d" % i, "".join(p)))
    root = os.path.join(shared, "corpus")
    for dirpath, _, files in sorted(os.walk(os.path.join(root, "mianjing"))):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if not name.endswith(".md") or rel.count("/") < 2 or \
                    any(s in rel for s in SKIP_PARTS) or \
                    rel.endswith("go_interview/README.md") or \
                    rel.endswith("interview-experience/README.md"):
                continue
            with open(path, encoding="utf-8") as f:
                docs.append((rel, f.read()))
    return [(d, t, {"family": family_of(d, t), "areas": areas_of(t)})
            for d, t in docs]
