package org.flowmeter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureFormatExceptionTest {
    @Test
    void messageNamesSourceOffsetAndReason() {
        CaptureFormatException e = new CaptureFormatException("a.pcap", 24, "record length 70000 exceeds snaplen");
        assertThat(e.getMessage()).isEqualTo("a.pcap: at byte 24: record length 70000 exceeds snaplen");
        assertThat(e.offset()).isEqualTo(24);
    }
}
