package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The metrics endpoint, scraped over loopback as Prometheus would. */
class LiveMetricsTest {
    private static String scrape(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void kafkaRecordsLostAreCountedWhenKafkaOutputIsOn() throws Exception {
        AtomicLong lost = new AtomicLong();
        try (LiveMetrics metrics = LiveMetrics.serve(0, () -> KernelStats.NONE)) {
            assertThat(scrape(metrics.port())).contains("flowmeter_packets_total 0").doesNotContain("flowmeter_kafka_lost");
            metrics.kafkaLost(lost::get);
            lost.set(7);
            assertThat(scrape(metrics.port())).contains("\nflowmeter_kafka_lost_total 7.0\n");
        }
    }
}
