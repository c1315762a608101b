package dev.weft.runtime.scheduler;

/** The thread of a worker; lets a wake find its worker without a ThreadLocal lookup. */
public final class WorkerThread extends Thread {

    final Worker worker;

    WorkerThread(Worker worker, String name) {
        super(null, null, name, 0, false);
        this.worker = worker;
        setDaemon(true);
    }

    @Override
    public void run() {
        worker.run();
    }

    /** The runtime core this worker belongs to. */
    public MultiThreadScheduler scheduler() {
        return worker.scheduler;
    }
}
