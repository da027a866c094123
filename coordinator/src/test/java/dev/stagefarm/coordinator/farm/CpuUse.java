package dev.stagefarm.coordinator.farm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time used so far by the parts of a benchmark run: the coordinator's threads, the test agent's
 * threads, the rest of the test JVM (S3Proxy, HTTP clients, JIT, GC, and the Kafka broker when it
 * runs there; JIT and GC also on their own), the Kafka broker's own process when it has one, and the PostgreSQL server's
 * processes. Read from the JVM's thread clocks and, for the other processes, from {@code /proc}
 * (Linux). A thread that ended in between counts in the rest of the JVM only.
 */
record CpuUse(Map<Long, Long> threadNanos, Map<Long, String> threadNames, long jvmNanos, long jitNanos,
        long gcNanos, long brokerNanos, long postgresNanos) {
    /** Linux reports process times in clock ticks of 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Thread names of the coordinator: its own loops, Quarkus' workers and event loops, its Kafka clients. */
    private static final List<String> COORDINATOR_THREADS = List.of("stagefarm-", "executor-thread-", "vert.x-",
            "agroal-", "quarkus-scheduler");

    /** CPU seconds each part used between two readings. */
    record Spent(double coordinator, double agent, double restOfJvm, double jit, double gc, double broker,
            double postgres) {
        /** Over a window of {@code seconds} (the machine has two cores' worth of it). */
        String describe(double seconds) {
            return String.format("cpu over %.2fs: coordinator %.2fs, test agent %.2fs, rest of test JVM %.2fs (JIT"
                    + " %.2fs, GC %.2fs), Kafka broker process %.2fs, PostgreSQL %.2fs", seconds, coordinator, agent,
                    restOfJvm, jit, gc, broker, postgres);
        }

        double total() {
            return coordinator + agent + restOfJvm + broker + postgres;
        }
    }

    /** @param brokerPid the Kafka broker's process, or -1 when it runs inside the test JVM */
    static CpuUse now(long postmasterPid, long brokerPid) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuUse(cpu, names, jvm, jvmThreads(CpuUse::compiles), jvmThreads(CpuUse::collects),
                brokerPid < 0 ? 0 : processTree(brokerPid), processTree(postmasterPid));
    }

    Spent since(CpuUse earlier) {
        long coordinator = 0;
        long agent = 0;
        for (Map.Entry<Long, Long> t : threadNanos.entrySet()) {
            long spent = t.getValue() - earlier.threadNanos.getOrDefault(t.getKey(), 0L);
            String name = threadNames.get(t.getKey());
            if (name.contains("test-agent")) {
                agent += spent;
            } else if (name.contains("stagefarm-coordinator") || COORDINATOR_THREADS.stream().anyMatch(name::startsWith)) {
                coordinator += spent;
            }
        }
        long jvm = jvmNanos - earlier.jvmNanos;
        return new Spent(coordinator / 1e9, agent / 1e9, (jvm - coordinator - agent) / 1e9,
                (jitNanos - earlier.jitNanos) / 1e9, (gcNanos - earlier.gcNanos) / 1e9,
                (brokerNanos - earlier.brokerNanos) / 1e9, (postgresNanos - earlier.postgresNanos) / 1e9);
    }

    /**
     * CPU of the JVM's own threads whose {@code /proc} name matches: the JIT compilers and the
     * collector are no Java threads, so the thread clocks above do not show them.
     */
    private static long jvmThreads(Predicate<String> named) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return named.test(Files.readString(t.resolve("comm")).trim());
                } catch (IOException ended) {
                    return false;
                }
            }).mapToLong(t -> ticks(t, false)).sum() * NANOS_PER_TICK;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean compiles(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    private static boolean collects(String thread) {
        return thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread");
    }

    /** A process's own and reaped children's time, plus its live descendants' (PostgreSQL's backends). */
    private static long processTree(long pid) {
        long ticks = ticks(Path.of("/proc", Long.toString(pid)), true);
        ticks += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(p -> ticks(Path.of("/proc", Long.toString(p.pid())), false)).sum();
        return ticks * NANOS_PER_TICK;
    }

    /** Clock ticks of a process or task, given its {@code /proc} folder. */
    private static long ticks(Path proc, boolean withReapedChildren) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // Fields after the command name (which may hold spaces) start at the state, field 3.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReapedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's load averages over 1, 5 and 15 minutes, as {@code /proc/loadavg} gives them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
