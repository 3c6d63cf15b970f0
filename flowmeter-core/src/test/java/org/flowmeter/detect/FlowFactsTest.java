package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.PSH;

import org.flowmeter.decode.DecodedPacket;
import org.junit.jupiter.api.Test;

class FlowFactsTest {
    private static final String CLIENT = "10.0.0.5";
    private static final String SERVER = "10.0.0.10";

    private static DecodedPacket segment(String src, String dst, int seq, int payload) {
        DecodedPacket p = DetectorRun.tcp(0, src, src.equals(CLIENT) ? 40000 : 443, dst, src.equals(CLIENT) ? 443 : 40000,
                PSH | ACK, payload);
        p.tcpSeq = seq;
        return p;
    }

    @Test
    void bytesSentAgainCountInThePayloadButNotInTheData() {
        FlowFacts f = new FlowFacts();
        f.add(segment(CLIENT, SERVER, 1001, 517), true);    // ClientHello
        f.add(segment(CLIENT, SERVER, 1001, 517), true);    // sent again
        f.add(segment(SERVER, CLIENT, 5001, 1237), false);
        f.add(segment(CLIENT, SERVER, 1518, 93), true);
        f.add(segment(SERVER, CLIENT, 6238, 51), false);
        f.add(segment(SERVER, CLIENT, 6238, 51), false);    // sent again
        f.add(segment(CLIENT, SERVER, 1611, 117), true);    // the request
        f.add(segment(CLIENT, SERVER, 1661, 67), true);     // its last 67 bytes sent again
        assertThat(f.forwardPayload()).isEqualTo(517 + 517 + 93 + 117 + 67);
        assertThat(f.forwardData()).isEqualTo(517 + 93 + 117);
        assertThat(f.backwardPayload()).isEqualTo(1237 + 51 + 51);
        assertThat(f.backwardData()).isEqualTo(1237 + 51);
        assertThat(f.firstForwardMessage()).isEqualTo(517);
    }

    @Test
    void segmentsWhoseSequenceNumberWasCutCountAllTheirBytes() {
        FlowFacts f = new FlowFacts();
        for (int payload : new int[] {37, 37, 37}) { // three requests; the snaplen left no sequence number
            DecodedPacket p = segment(CLIENT, SERVER, 0, payload);
            p.tcpCut = DecodedPacket.CUT_SEQ | DecodedPacket.CUT_DATA_OFFSET | DecodedPacket.CUT_FLAGS
                    | DecodedPacket.CUT_WINDOW;
            f.add(p, true);
        }
        assertThat(f.forwardData()).isEqualTo(3 * 37);
        assertThat(f.firstForwardMessage()).isEqualTo(3 * 37);
    }

    @Test
    void aSegmentReachingPastWhatWasSeenCountsItsNewBytesOnly() {
        FlowFacts f = new FlowFacts();
        f.add(segment(CLIENT, SERVER, 1001, 100), true);
        f.add(segment(CLIENT, SERVER, 1051, 100), true);    // 50 bytes again, 50 new
        assertThat(f.forwardData()).isEqualTo(150);
    }

    @Test
    void sequenceNumbersThatWrapAroundStillFollowOn() {
        FlowFacts f = new FlowFacts();
        f.add(segment(CLIENT, SERVER, -100, 100), true);    // 0xFFFFFF9C: ends exactly at the wrap
        f.add(segment(CLIENT, SERVER, 0, 40), true);
        f.add(segment(CLIENT, SERVER, -100, 100), true);    // sent again
        assertThat(f.forwardData()).isEqualTo(140);
        assertThat(f.firstForwardMessage()).isEqualTo(140);
    }

    /** Requests and answers in turn, each segment following on from the one before it in its direction. */
    private static FlowFacts exchanges(int[] requests, int[] answers) {
        FlowFacts f = new FlowFacts();
        int clientSeq = 1001;
        int serverSeq = 5001;
        for (int i = 0; i < requests.length; i++) {
            f.add(segment(CLIENT, SERVER, clientSeq, requests[i]), true);
            clientSeq += requests[i];
            f.add(segment(SERVER, CLIENT, serverSeq, answers[i]), false);
            serverSeq += answers[i];
        }
        return f;
    }

    @Test
    void aRepeatedAnswerCountsAsATryWithANewRequestOnlyWhenItsRequestChangedSize() {
        // Answers 2-5 repeat; their requests 172, 172, 179, 170 differ from the one before them
        // (170, 172, 172, 179) at the 2nd, 4th and 5th exchange.
        FlowFacts f = exchanges(new int[] {170, 172, 172, 179, 170}, new int[] {186, 186, 186, 186, 186});
        assertThat(f.repeatedAnswers()).isEqualTo(4);
        assertThat(f.newRequestRepeatedAnswers()).isEqualTo(3);
        assertThat(f.largestNewRequestRepeatedAnswer()).isEqualTo(186);
    }

    @Test
    void aPollRepeatingItsRequestHasNoTryWithANewRequest() {
        FlowFacts f = exchanges(new int[] {120, 120, 120, 120}, new int[] {308, 308, 308, 308});
        assertThat(f.repeatedAnswers()).isEqualTo(3);
        assertThat(f.newRequestRepeatedAnswers()).isZero();
        assertThat(f.largestNewRequestRepeatedAnswer()).isZero();
    }

    @Test
    void aRequestSentAgainKeepsItsSize() {
        // The second request's segment is sent twice: 120 new bytes, as the first request.
        FlowFacts f = new FlowFacts();
        f.add(segment(CLIENT, SERVER, 1001, 120), true);
        f.add(segment(SERVER, CLIENT, 5001, 308), false);
        f.add(segment(CLIENT, SERVER, 1121, 120), true);
        f.add(segment(CLIENT, SERVER, 1121, 120), true);
        f.add(segment(SERVER, CLIENT, 5309, 308), false);
        assertThat(f.repeatedAnswers()).isEqualTo(1);
        assertThat(f.newRequestRepeatedAnswers()).isZero();
    }
}
