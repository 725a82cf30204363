#!/usr/bin/python3
"""Deterministic query sets for bench/latency.

queries.py plain|filter CORPUS SEED N [TOPIC...]  -> N lines on stdout
queries.py similar SEED N IDFILE                   -> N lines "--similar\tID"

Each line holds the extra arguments of one ivsearch call, TAB-separated.
Terms are realistic: Latin tech words and Chinese words of Go/backend
interviews, kept only if they occur in the corpus (interview-go,
aceld-golang, javaguide). Mix: 45 % one term, 45 % two terms, 10 % three.
Filtered queries: a third --verdict, a third --topic, a third both; 5 % of
them have no query words at all (list every interview passing the filters).
"""
import os
import random
import sys

LATIN = """goroutine channel redis mysql kafka gc mutex slice map context defer
panic recover interface select http tcp udp docker kubernetes k8s
elasticsearch rabbitmq zookeeper etcd raft jvm spring mybatis innodb mvcc
binlog redo undo lru b+tree hashmap concurrenthashmap synchronized volatile
threadlocal netty nginx grpc protobuf json cas aqs reflect struct pointer
waitgroup sync.once rwmutex atomic scheduler gmp epoll select io socket
dns https tls cookie session jwt oauth sql index join explain cache bloom
zset aof rdb sentinel cluster consistent hash sharding paxos cap base
kafka partition offset consumer producer broker topic leader replica
java go golang linux git maven springboot dubbo rpc mq""".split()
CHINESE = """索引 事务 分布式锁 协程 垃圾回收 内存泄漏 死锁 三次握手 四次挥手
消息队列 持久化 主从复制 缓存穿透 缓存雪崩 缓存击穿 一致性 负载均衡 限流 熔断
降级 读写分离 分库分表 乐观锁 悲观锁 隔离级别 哈希表 红黑树 链表 排序 线程池
进程 线程 调度 逃逸分析 内存对齐 慢查询 回表 覆盖索引 最左前缀 聚簇索引 幂等
重试 超时 并发 并行 互斥锁 读写锁 自旋锁 原子操作 内存模型 可见性 有序性
类加载 双亲委派 反射 动态代理 注解 泛型 集合 数组 字符串 接口 继承 多态
拥塞控制 滑动窗口 流量控制 可靠传输 长连接 短连接 序列化 反序列化 微服务
服务发现 注册中心 配置中心 网关 链路追踪 日志 监控 告警 容器 虚拟内存 页表
零拷贝 堆 栈 队列 二叉树 动态规划 贪心 回溯 二分查找 快速排序 堆排序 布隆过滤器
跳表 主键 外键 唯一索引 联合索引 事务隔离 脏读 幻读 不可重复读 死锁检测
消息丢失 重复消费 顺序消息 延迟队列 高可用 分片 副本 选举 心跳 过期策略
淘汰策略 大key 热key 数据库 中间件 网络 算法 操作系统 项目 设计模式 单例
工厂模式 观察者模式 策略模式""".split()


def corpus_text(root):
    parts = []
    for s in ("interview-go", "aceld-golang", "javaguide"):
        for d, _, fs in os.walk(os.path.join(root, s)):
            for f in sorted(fs):
                if f.endswith(".md"):
                    with open(os.path.join(d, f), encoding="utf-8",
                              errors="replace") as fh:
                        parts.append(fh.read().lower())
    return "\n".join(parts)


def terms(root):
    text = corpus_text(root)
    seen, out = set(), []
    for t in LATIN + CHINESE:
        if t not in seen and t.lower() in text:
            seen.add(t)
            out.append(t)
    return out


def words(rng, vocab):
    r = rng.random()
    k = 1 if r < 0.45 else 2 if r < 0.90 else 3
    return rng.sample(vocab, k)


def main():
    kind = sys.argv[1]
    if kind == "similar":
        seed, n, idfile = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        ids = sorted({ln.strip() for ln in open(idfile) if ln.strip()},
                     key=lambda s: (len(s), s))
        if not ids:
            sys.exit("queries.py: no ids in " + idfile)
        rng = random.Random(seed + 2)
        for _ in range(n):
            print("--similar\t" + rng.choice(ids))
        return
    root, seed, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    topics = sys.argv[5:] or ["language", "middleware", "database",
                              "network", "algorithm"]
    vocab = terms(root)
    if kind == "plain":
        rng = random.Random(seed)
        for _ in range(n):
            print("\t".join(words(rng, vocab)))
    elif kind == "filter":
        rng = random.Random(seed + 1)
        for _ in range(n):
            args = []
            r = rng.random()
            if r < 2 / 3:
                args += ["--verdict", rng.choice(["pass", "pass", "fail",
                                                  "pending"])]
            if r >= 1 / 3:
                args += ["--topic", rng.choice(topics)]
            if rng.random() >= 0.05:
                args += words(rng, vocab)
            print("\t".join(args))
    elif kind == "vocab":
        print("\n".join(terms(root)))
    else:
        sys.exit("queries.py: plain|filter|similar|vocab")


if __name__ == "__main__":
    main()
