package org.flowmeter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.EveFlowWriter;
import org.flowmeter.output.FlowUid;
import org.flowmeter.output.FlowWriter;

/**
 * Sends each flow to a Kafka topic as its eve JSON object, keyed by its flow uid so that every
 * record of one flow (live capture's early and final verdicts) lands in one partition, in order.
 *
 * <p>The producer is idempotent with {@code acks=all} and retries for up to
 * {@link #DELIVERY_TIMEOUT_MS}: a broker that restarts within that window loses nothing and
 * reorders nothing. The producer's send blocks while no broker is reachable, so records go to it
 * through a bounded queue and one sending thread: {@link #write} never waits, and a record that
 * finds the queue full is dropped and counted. Records dropped or given up are reported at close.
 */
final class KafkaFlowOutput implements FlowWriter {
    /** How long the producer keeps retrying a record before giving it up. */
    static final int DELIVERY_TIMEOUT_MS = 120_000;
    /** Records waiting for the producer while Kafka is unreachable (a verdict's eve object is about 700 bytes). */
    static final int DEFAULT_QUEUE_RECORDS = 50_000;

    private static final ProducerRecord<String, byte[]> END = new ProducerRecord<>("", new byte[0]);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final EveFlowWriter eve;
    private final BlockingQueue<ProducerRecord<String, byte[]>> queue;
    private final int queueRecords;
    private final long closeWaitMillis;
    private final Thread sender;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long rows;

    KafkaFlowOutput(String bootstrap, String topic, EveFlowWriter eve, int queueRecords) {
        this(new KafkaProducer<>(config(bootstrap), new StringSerializer(), new ByteArraySerializer()), topic, eve,
                queueRecords, DELIVERY_TIMEOUT_MS);
    }

    /** {@code closeWaitMillis}: how long close waits for records still queued before dropping them. */
    KafkaFlowOutput(Producer<String, byte[]> producer, String topic, EveFlowWriter eve, int queueRecords,
                    long closeWaitMillis) {
        this.producer = producer;
        this.topic = topic;
        this.eve = eve;
        this.queueRecords = queueRecords;
        this.queue = new ArrayBlockingQueue<>(queueRecords);
        this.closeWaitMillis = closeWaitMillis;
        this.sender = new Thread(this::sendQueued, "flowmeter-kafka");
        sender.setDaemon(true);
        sender.start();
    }

    static Properties config(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "flowmeter");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        // only the sending thread waits for a broker, as long as a record may wait for delivery
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        return p;
    }

    /** Queues the flow's record; drops and counts it when the queue is full (Kafka unreachable). */
    @Override
    public void write(Flow flow) {
        byte[] value = eve.json(flow).getBytes(StandardCharsets.UTF_8);
        if (!queue.offer(new ProducerRecord<>(topic, Long.toString(FlowUid.of(flow)), value))) {
            dropped.incrementAndGet();
        }
        rows++;
    }

    private void sendQueued() {
        try {
            for (ProducerRecord<String, byte[]> r = queue.take(); r != END; r = queue.take()) {
                try {
                    producer.send(r, (metadata, e) -> {
                        if (e != null) {
                            failed(e);
                        }
                    });
                } catch (RuntimeException e) { // no broker within max.block.ms, or interrupted at close
                    failed(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(Exception e) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, e);
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Records given up after every retry (known once they were acknowledged or failed). */
    long failed() {
        return failed.get();
    }

    /** Records dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    int queueRecords() {
        return queueRecords;
    }

    /**
     * Waits until every record is acknowledged or given up, for at most the close wait (records
     * still queued or unacknowledged then are lost); fails when some were lost.
     */
    @Override
    public void close() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(closeWaitMillis);
        try {
            while (!queue.offer(END, 100, TimeUnit.MILLISECONDS) && sender.isAlive() && System.nanoTime() < deadline) {
                // the sender is waiting for a broker
            }
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
            try {
                sender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.remove(END);
        dropped.addAndGet(queue.size());
        queue.clear();
        // records not acknowledged by the deadline are given up (and counted by their callbacks)
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        long lost = failed.get() + dropped.get();
        if (lost > 0) {
            Exception e = firstFailure.get();
            throw new IOException("Kafka: " + lost + " of " + rows + " records to topic " + topic + " not delivered: "
                    + dropped.get() + " dropped while Kafka was unreachable (a queue of " + queueRecords + " records), "
                    + failed.get() + " given up" + (e == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }
}
