package org.flowmeter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
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
 * reorders nothing. Records that still could not be delivered are counted and reported at close.
 */
final class KafkaFlowOutput implements FlowWriter {
    /** How long the producer keeps retrying a record before giving it up. */
    static final int DELIVERY_TIMEOUT_MS = 120_000;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final EveFlowWriter eve;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long rows;

    KafkaFlowOutput(String bootstrap, String topic, EveFlowWriter eve) {
        this(new KafkaProducer<>(config(bootstrap), new StringSerializer(), new ByteArraySerializer()), topic, eve);
    }

    KafkaFlowOutput(Producer<String, byte[]> producer, String topic, EveFlowWriter eve) {
        this.producer = producer;
        this.topic = topic;
        this.eve = eve;
    }

    static Properties config(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "flowmeter");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        return p;
    }

    @Override
    public void write(Flow flow) throws IOException {
        byte[] value = eve.json(flow).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, Long.toString(FlowUid.of(flow)), value), (metadata, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            }
        });
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Records given up after every retry (known once they were acknowledged or failed). */
    long failed() {
        return failed.get();
    }

    /** Waits until every record is acknowledged or given up; fails when some were lost. */
    @Override
    public void close() throws IOException {
        producer.close();
        if (failed.get() > 0) {
            Exception e = firstFailure.get();
            throw new IOException("Kafka: " + failed.get() + " of " + rows + " records to topic " + topic
                    + " not delivered: " + (e == null ? "unknown" : e.getMessage()), e);
        }
    }
}
