package org.flowmeter.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/**
 * Runs a {@link FlowDecider}'s scoring and everything after it (detectors, holds, writing rows)
 * on a thread of its own, so that reading, decoding and metering keep the calling thread. What
 * must see the packet stays on the meter's thread: the detectors' per-packet counts, and the
 * features at the early scoring point, copied there. Ended flows no longer change, so the
 * other thread reads them safely; events are handed over in batches, in the meter's order.
 */
final class DecisionThread implements FlowListener {
    private static final int BATCHES = 4;
    /**
     * Flow events per batch. Small, because the ended flows in a batch still hold their feature
     * state (about 2 KB each with the bundled model) until decided: when the input ends and every
     * open flow ends at once, the batches fill (docs/memory.md).
     */
    private static final int CAPACITY = 256;
    /**
     * A batch not yet full is handed over after this many packets, so that the rows of ended
     * flows do not wait for more flows to end (input that stalls, as stdin may), as the
     * pipeline's reading batches do not hold more packets than this.
     */
    private static final int HAND_OVER_PACKETS = 2048;
    private static final long CHECK_MILLIS = 100;

    /**
     * Flows in the meter's order, each an early scoring (with its features' snapshot) or the
     * flow's end. A snapshot's array stays in its batch once scored and takes the next early
     * scoring in its place: a copy for every flow that reaches the scoring point was a sixth of
     * everything classify allocated, and each filled the young generation sooner.
     */
    private static final class Batch {
        final Flow[] flows = new Flow[CAPACITY];
        final double[][] snapshots = new double[CAPACITY][];
        final boolean[] early = new boolean[CAPACITY];
        int size;
    }

    private final FlowDecider decider;
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final Thread thread;
    private volatile Throwable failure;
    private Batch batch;
    private int packetsSinceHandOver;
    private boolean finished;

    /**
     * Heap bytes the queue holds at most beyond the meter's table: every batch full of ended flows
     * that still have their feature state (an early scoring's copy of the features is smaller than
     * its flow's state, and that flow is still in the table), the batches' arrays, and in every
     * slot a snapshot's array kept for the next early scoring ({@code snapshotBytes} each).
     */
    static long worstCaseBytes(long bytesPerFlow, long snapshotBytes) {
        long arrays = 2 * (16 + 4L * CAPACITY) + 16 + CAPACITY;
        return BATCHES * (arrays + CAPACITY * (bytesPerFlow + snapshotBytes));
    }

    DecisionThread(FlowDecider decider) {
        this.decider = decider;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        this.thread = new Thread(this::decide, "flow-decisions");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        decider.countForDetectors(flow, packet, forward);
        if (decider.scoresEarly(flow)) {
            addEarly(flow);
        }
        if (++packetsSinceHandOver >= HAND_OVER_PACKETS) {
            packetsSinceHandOver = 0;
            if (batch != null && batch.size > 0) {
                hand();
            }
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        add(flow, false);
    }

    private void addEarly(Flow flow) {
        if (batch == null) {
            batch = take(free);
        }
        batch.snapshots[batch.size] = decider.snapshot(flow, batch.snapshots[batch.size]);
        add(flow, true);
    }

    private void add(Flow flow, boolean early) {
        if (batch == null) {
            batch = take(free);
        }
        batch.flows[batch.size] = flow;
        batch.early[batch.size] = early;
        if (++batch.size == CAPACITY) {
            packetsSinceHandOver = 0;
            hand();
        }
    }

    /**
     * Hands over what is pending and waits until every flow ended so far went through the
     * decider and downstream. Rethrows what failed there.
     */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (batch != null && batch.size > 0) {
            hand();
        }
        Batch end = take(free);
        end.size = -1;
        put(end);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding flows", e);
        }
        rethrow();
    }

    private void hand() {
        Batch handed = batch;
        batch = null;
        put(handed);
    }

    private void decide() {
        try {
            while (true) {
                Batch b = full.take();
                if (b.size < 0) {
                    return;
                }
                for (int i = 0; i < b.size; i++) {
                    Flow flow = b.flows[i];
                    b.flows[i] = null;
                    if (b.early[i]) {
                        decider.scoreEarly(flow, b.snapshots[i]); // the array stays for the next snapshot
                    } else {
                        decider.onFlowEnd(flow);
                    }
                }
                b.size = 0;
                free.offer(b); // never blocks: the free queue holds every batch there is
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private Batch take(BlockingQueue<Batch> queue) {
        try {
            while (true) {
                Batch b = queue.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (b != null) {
                    b.size = 0;
                    return b;
                }
                rethrow();
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the flow decision thread ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding flows", e);
        }
    }

    private void put(Batch b) {
        try {
            while (!full.offer(b, CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding flows", e);
        }
        rethrow();
    }

    /** What failed on the decision thread, thrown here as it was thrown there. */
    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
