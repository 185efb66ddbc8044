package dev.klaxon.app.outlets;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** An outlet's own thread: one daemon thread with a short queue that drops what does not fit, never a backlog. */
final class OutletThread {
    private OutletThread() {
    }

    static ThreadPoolExecutor bounded(String name, int waiting) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(waiting), runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }
}
