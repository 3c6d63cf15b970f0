package org.flowmeter.live;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counters of a live run, served in Prometheus' text format on {@code /metrics} when a port is
 * given. The capture loop's thread is the only writer: it stores with release semantics (a plain
 * store on x86, no lock per packet), and the HTTP thread reads the values when scraped.
 */
public final class LiveMetrics implements Closeable {
    /** Bucket bounds of the scoring time, in seconds: 1 microsecond to 10 milliseconds. */
    private static final double[] SCORING_BOUNDS = {1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 1e-3, 1e-2};

    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong activeFlows = new AtomicLong();
    private final AtomicLong earlyMalicious = new AtomicLong();
    private final AtomicLong finalMalicious = new AtomicLong();
    private final AtomicLong finalBenign = new AtomicLong();
    private final AtomicLong forwardedPackets = new AtomicLong();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram scoring;
    private final HTTPServer server;

    private LiveMetrics(Supplier<KernelStats> capture, int port) throws IOException {
        counter("flowmeter_packets", "Packets captured and read", packets);
        counter("flowmeter_bytes", "Bytes of the packets read, as on the wire", bytes);
        CounterWithCallback.builder().name("flowmeter_kernel_drops")
                .help("Packets the kernel or the interface dropped (capture buffer full)")
                .callback(c -> {
                    KernelStats s = capture.get();
                    c.call(s.kernelDropped() + s.interfaceDropped());
                }).register(registry);
        CounterWithCallback.builder().name("flowmeter_queue_drops")
                .help("Packets dropped because the reader fell behind the capture thread")
                .callback(c -> c.call(capture.get().queueDropped())).register(registry);
        GaugeWithCallback.builder().name("flowmeter_active_flows").help("Flows open in the flow table")
                .callback(c -> c.call(activeFlows.get())).register(registry);
        CounterWithCallback.builder().name("flowmeter_verdicts")
                .help("Verdicts: early (malicious at --early-after packets) and final (every flow at its end)")
                .labelNames("phase", "verdict")
                .callback(c -> {
                    c.call(earlyMalicious.get(), "early", "malicious");
                    c.call(finalMalicious.get(), "final", "malicious");
                    c.call(finalBenign.get(), "final", "benign");
                }).register(registry);
        counter("flowmeter_forwarded_packets", "Packets written to the forward files", forwardedPackets);
        counter("flowmeter_forwarded_bytes", "Bytes of packets written to the forward files (as captured)", forwardedBytes);
        scoring = Histogram.builder().name("flowmeter_scoring_seconds")
                .help("Time to score a flow with the model (feature vector and logistic regression)")
                .classicOnly().classicUpperBounds(SCORING_BOUNDS).register(registry);
        server = port < 0 ? null : HTTPServer.builder().port(port).registry(registry).buildAndStart();
    }

    private void counter(String name, String help, AtomicLong value) {
        CounterWithCallback.builder().name(name).help(help).callback(c -> c.call(value.get())).register(registry);
    }

    /** Serves the metrics on {@code port} (0: any free port, see {@link #port()}). */
    public static LiveMetrics serve(int port, Supplier<KernelStats> capture) throws LiveCaptureException {
        try {
            return new LiveMetrics(capture, port);
        } catch (IOException | RuntimeException e) {
            throw new LiveCaptureException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Counts without serving (no port given). */
    public static LiveMetrics unserved(Supplier<KernelStats> capture) {
        try {
            return new LiveMetrics(capture, -1);
        } catch (IOException e) {
            throw new IllegalStateException("no server was to be started", e);
        }
    }

    /** The port served, or -1. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    public void packet(int wireLength) {
        packets.setRelease(packets.getPlain() + 1);
        bytes.setRelease(bytes.getPlain() + wireLength);
    }

    public void activeFlows(long flows) {
        activeFlows.setRelease(flows);
    }

    public void earlyMalicious() {
        earlyMalicious.setRelease(earlyMalicious.getPlain() + 1);
    }

    public void finalVerdict(boolean malicious) {
        AtomicLong count = malicious ? finalMalicious : finalBenign;
        count.setRelease(count.getPlain() + 1);
    }

    public void forwarded(int capturedLength) {
        forwardedPackets.setRelease(forwardedPackets.getPlain() + 1);
        forwardedBytes.setRelease(forwardedBytes.getPlain() + capturedLength);
    }

    /** Counts the records meant for Kafka that were dropped (queue full) or given up. */
    public void kafkaLost(java.util.function.LongSupplier lost) {
        CounterWithCallback.builder().name("flowmeter_kafka_lost")
                .help("Records for Kafka dropped while no broker answered (queue full) or given up after retries")
                .callback(c -> c.call(lost.getAsLong())).register(registry);
    }

    public void scored(long nanos) {
        scoring.observe(nanos / 1e9);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
