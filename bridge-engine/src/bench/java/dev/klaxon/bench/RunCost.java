package dev.klaxon.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * What one run cost this JVM, per message: CPU of the whole process and, for the engine, CPU and allocation of its
 * processing thread. Throughput ratios swing with how the scheduler splits 2 cores; these figures move only when
 * the code does, so they show whether a change to the hot path saved anything.
 *
 * @param processCpuNanosPerMessage CPU of every thread of this JVM (publisher included, the same in both kinds of
 *                                  run), per message
 * @param threadCpuNanosPerMessage  the named thread's CPU per message; 0 when there is no such thread
 * @param threadBytesPerMessage     what the named thread allocated per message; 0 when there is no such thread
 * @param gcPauseMillis             the collectors' pause time during the run (G1's young pauses keep both cores)
 */
record RunCost(double processCpuNanosPerMessage, double threadCpuNanosPerMessage, double threadBytesPerMessage,
               long gcPauseMillis) {

    /** Counters at the start of a run. */
    static final class Start {
        private final long processCpu = processCpuNanos();
        private final long gcMillis = gcMillis();
        private final Map<Long, long[]> threads = threadCounters();

        /** The cost since this start, per message, with the thread called {@code threadName} (null for none). */
        RunCost since(long messages, String threadName) {
            double cpu = (processCpuNanos() - processCpu) / (double) messages;
            long threadCpu = 0;
            long threadBytes = 0;
            com.sun.management.ThreadMXBean bean = bean();
            for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
                if (info == null || !info.getThreadName().equals(threadName)) {
                    continue;
                }
                long[] before = threads.getOrDefault(info.getThreadId(), new long[2]);
                threadCpu += bean.getThreadCpuTime(info.getThreadId()) - before[0];
                threadBytes += bean.getThreadAllocatedBytes(info.getThreadId()) - before[1];
            }
            return new RunCost(cpu, threadCpu / (double) messages, threadBytes / (double) messages,
                    gcMillis() - gcMillis);
        }
    }

    private static com.sun.management.ThreadMXBean bean() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    private static long gcMillis() {
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<Long, long[]> threadCounters() {
        com.sun.management.ThreadMXBean bean = bean();
        Map<Long, long[]> counters = new HashMap<>();
        for (long id : bean.getAllThreadIds()) {
            counters.put(id, new long[] {bean.getThreadCpuTime(id), bean.getThreadAllocatedBytes(id)});
        }
        return counters;
    }
}
