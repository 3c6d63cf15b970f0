package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;

/**
 * The few per-flow counts the detectors read when a flow ends: packets, wire bytes and payload
 * bytes each way, and whether the responder reset the flow. Updated once per packet with
 * primitive additions only.
 */
public final class FlowFacts {
    long forwardPackets;
    long backwardPackets;
    long forwardBytes;
    long backwardBytes;
    long forwardPayload;
    long backwardPayload;
    boolean responderReset;
    long forwardPayloadPackets;
    /** TCP packets in which the flow's source advertised a zero receive window (a reader that stopped reading). */
    long forwardZeroWindows;
    // Messages a tunnel is told by (docs/detectors.md, Tunnels): packets that carry payload each
    // way (a DNS query or answer, an echo request or reply), and how often each side's payload
    // size changed from its previous packet (ordinary ping repeats one size).
    private long backwardPayloadPackets;
    // Payload each way with DNS messages counted to the end of their question: EDNS options and
    // cookies a forwarding resolver adds to each query are no data carried in a name.
    private long forwardQuestionBytes;
    private long backwardQuestionBytes;
    private long forwardSizeChanges;
    private long backwardSizeChanges;
    // Answers within ALIKE_BYTES of the answer before them: one error said again for each unknown
    // target (a SIP 404 names the target and a fresh tag, so its size drifts by a few bytes).
    private long backwardAlikeSizes;
    static final int ALIKE_BYTES = 16;
    private int lastForwardPayload = -1;
    private int lastBackwardPayload = -1;
    // Messages as the exchange feature set defines them (a run of payload packets in one
    // direction, ended by payload the other way): the open run, the last two answers' sizes, and
    // how many answers repeated the size of one of those two (a refusal said again per try).
    private byte runDirection;
    private long runBytes;
    private long answers;
    private long lastAnswer = -1;
    private long answerBefore = -1;
    private long repeatedAnswers;
    private long largestRepeatedAnswer;
    // Tries with a new request: the open run's new bytes, the last two requests' sizes (new bytes
    // only, so that a request sent again on a lossy link stays one size), and the answers that
    // repeated one of the two before them after a request of another size than the one before it
    // (a new password, the same refusal; a poller repeats its request, not only its answer).
    private long runFresh;
    private long lastRequest = -1;
    private long requestBefore = -1;
    private long newRequestRepeats;
    private long largestNewRequestRepeat;
    // TCP payload without the bytes sent again (retransmissions, keep-alive probes): each side's
    // next expected sequence number, and the new bytes each way. A lossy link retransmits at random,
    // which would make one request repeated by a poller look like several sizes.
    private boolean forwardSeqKnown;
    private boolean backwardSeqKnown;
    private int forwardNextSeq;
    private int backwardNextSeq;
    private long forwardData;
    private long backwardData;
    /** New bytes the source sent before the destination sent any (its first message: a TLS ClientHello). */
    private long firstForwardMessage;
    /** Packets of the source that carried new bytes: pieces of its requests, resends left out. */
    private long forwardDataPackets;
    // How long the destination kept the source waiting: the time from the source's last payload
    // packet to the first packet of the answer after it, the longest of the flow's answers given
    // before the source closed (an answer to a source that gave up is no answer it waited for).
    private long lastForwardPayloadNanos;
    private long longestAnswerWait;
    private boolean forwardClosed;
    /** The destination sent payload before the source closed. */
    private boolean answeredBeforeClose;
    /** The whole size of the HTTP request the source's first new bytes started (-1: none, or its head not seen whole). */
    private int announcedRequest = -1;
    // How the source ended a TCP flow: a FIN (a polite close) or a reset (a scanner aborting the
    // connection it opened, as nmap's connect scan and every SYN scan do).
    private boolean forwardFin;
    private boolean forwardReset;
    // DNS answers the destination sent, and those that said the name does not exist (NXDOMAIN):
    // a guesser of names gets almost only those.
    private long backwardDnsAnswers;
    private long backwardNameErrors;

    /** Adds one packet of the flow ({@code forward}: sent by the flow's source). */
    public void add(DecodedPacket p, boolean forward) {
        if (forward) {
            forwardPackets++;
            forwardBytes += p.wireLength;
            forwardPayload += p.payloadLength;
            forwardQuestionBytes += p.dnsQuestion >= 0 ? p.dnsQuestion : p.payloadLength;
            if (p.payloadLength > 0) {
                forwardPayloadPackets++;
            }
            // A window a small snaplen cut off reads as 0 but says nothing.
            if (p.protocol == DecodedPacket.TCP && p.tcpWindow == 0 && p.tcpWindowKnown()
                    && (p.tcpFlags & (DecodedPacket.SYN | DecodedPacket.RST)) == 0) {
                forwardZeroWindows++;
            }
            if (lastForwardPayload >= 0 && p.payloadLength != lastForwardPayload) {
                forwardSizeChanges++;
            }
            if (p.protocol == DecodedPacket.TCP) {
                forwardFin |= (p.tcpFlags & DecodedPacket.FIN) != 0;
                forwardReset |= (p.tcpFlags & DecodedPacket.RST) != 0;
                forwardClosed |= p.payloadLength == 0 && (p.tcpFlags & (DecodedPacket.FIN | DecodedPacket.RST)) != 0;
            }
            lastForwardPayload = p.payloadLength;
        } else {
            backwardPackets++;
            backwardBytes += p.wireLength;
            backwardPayload += p.payloadLength;
            backwardQuestionBytes += p.dnsQuestion >= 0 ? p.dnsQuestion : p.payloadLength;
            responderReset |= (p.tcpFlags & DecodedPacket.RST) != 0;
            if (p.dnsRcode >= 0) {
                backwardDnsAnswers++;
                if (p.dnsRcode == NAME_ERROR) {
                    backwardNameErrors++;
                }
            }
            if (p.payloadLength > 0) {
                backwardPayloadPackets++;
            }
            if (lastBackwardPayload >= 0 && p.payloadLength != lastBackwardPayload) {
                backwardSizeChanges++;
            }
            if (p.payloadLength > 0 && lastBackwardPayload > 0
                    && Math.abs(p.payloadLength - lastBackwardPayload) <= ALIKE_BYTES) {
                backwardAlikeSizes++;
            }
            lastBackwardPayload = p.payloadLength;
        }
        if (p.payloadLength > 0) {
            long fresh = freshBytes(p, forward);
            if (forward) {
                forwardData += fresh;
                if (fresh > 0) {
                    forwardDataPackets++;
                    if (forwardDataPackets == 1) {
                        announcedRequest = p.httpRequest;
                    }
                }
                if (backwardData == 0) {
                    firstForwardMessage += fresh;
                }
            } else {
                backwardData += fresh;
                answeredBeforeClose |= !forwardClosed;
            }
            byte direction = forward ? FORWARD : BACKWARD;
            if (direction != runDirection) {
                if (runDirection == FORWARD && !forward && !forwardClosed) {
                    longestAnswerWait = Math.max(longestAnswerWait, p.timestampNanos - lastForwardPayloadNanos);
                }
                endRun();
                runDirection = direction;
            }
            if (forward) {
                lastForwardPayloadNanos = p.timestampNanos;
            }
            runBytes += p.payloadLength;
            runFresh += fresh;
        }
    }

    /**
     * The payload bytes of the packet not seen before in its direction: all of them except for TCP,
     * where bytes at or below the highest sequence number reached are sent again (when the capture
     * cut the sequence number off, all bytes count: a resend cannot be told). Sequence numbers
     * wrap, hence the int difference. A segment that fills a hole after a later one was seen
     * counts nothing (rare: a request or a refusal usually fits one segment).
     */
    private long freshBytes(DecodedPacket p, boolean forward) {
        if (p.protocol != DecodedPacket.TCP || p.laterFragment || !p.tcpSeqKnown()) {
            return p.payloadLength;
        }
        int end = p.tcpSeq + p.payloadLength;
        boolean known = forward ? forwardSeqKnown : backwardSeqKnown;
        int next = forward ? forwardNextSeq : backwardNextSeq;
        long fresh;
        if (!known) {
            fresh = p.payloadLength;
        } else {
            int ahead = end - next;
            if (ahead <= 0) {
                return 0;
            }
            fresh = Math.min(p.payloadLength, ahead);
        }
        if (forward) {
            forwardSeqKnown = true;
            forwardNextSeq = end;
        } else {
            backwardSeqKnown = true;
            backwardNextSeq = end;
        }
        return fresh;
    }

    /** The DNS response code of an answer about a name that does not exist (NXDOMAIN). */
    private static final int NAME_ERROR = 3;
    private static final byte FORWARD = 1;
    private static final byte BACKWARD = 2;

    private void endRun() {
        if (runDirection == BACKWARD) {
            answers++;
            if (runBytes == lastAnswer || runBytes == answerBefore) {
                repeatedAnswers++;
                largestRepeatedAnswer = Math.max(largestRepeatedAnswer, runBytes);
                if (afterNewRequest()) {
                    newRequestRepeats++;
                    largestNewRequestRepeat = Math.max(largestNewRequestRepeat, runBytes);
                }
            }
            answerBefore = lastAnswer;
            lastAnswer = runBytes;
        } else if (runDirection == FORWARD) {
            requestBefore = lastRequest;
            lastRequest = runFresh;
        }
        runBytes = 0;
        runFresh = 0;
    }

    /** The last request differed in size from the one before it (both seen). */
    private boolean afterNewRequest() {
        return requestBefore >= 0 && lastRequest != requestBefore;
    }

    /** Answers (backward messages), the run still open included. */
    public long answers() {
        return answers + (runDirection == BACKWARD ? 1 : 0);
    }

    /**
     * Answers whose size equals that of one of the two answers before them, the run still open
     * included: a server refusing try after try says the same thing again (SSH, IMAP), or
     * alternates two things ("password please", "login incorrect": FTP, POP3).
     */
    public long repeatedAnswers() {
        return repeatedAnswers + (openRunRepeats() ? 1 : 0);
    }

    /** The largest answer counted by {@link #repeatedAnswers()} (0 when none). */
    public long largestRepeatedAnswer() {
        return openRunRepeats() ? Math.max(largestRepeatedAnswer, runBytes) : largestRepeatedAnswer;
    }

    /**
     * {@link #repeatedAnswers()} that followed a request of another size than the request before
     * it: a new password (another length) refused alike. A client asking one thing again (a poll on
     * a kept-alive connection) repeats its request as well as the answer.
     */
    public long newRequestRepeatedAnswers() {
        return newRequestRepeats + (openRunRepeats() && afterNewRequest() ? 1 : 0);
    }

    /** The largest answer counted by {@link #newRequestRepeatedAnswers()} (0 when none). */
    public long largestNewRequestRepeatedAnswer() {
        return openRunRepeats() && afterNewRequest() ? Math.max(largestNewRequestRepeat, runBytes)
                : largestNewRequestRepeat;
    }

    private boolean openRunRepeats() {
        return runDirection == BACKWARD && (runBytes == lastAnswer || runBytes == answerBefore);
    }

    /** Nothing came back from the destination. */
    public boolean unanswered() {
        return backwardPackets == 0;
    }

    /** A TCP flow in which neither side sent a byte of payload (a probe, a flag flood, a refused connect). */
    public boolean tcpWithoutData(int protocol) {
        return protocol == DecodedPacket.TCP && forwardPayload == 0 && backwardPayload == 0;
    }

    /**
     * What a scan probe or a flood packet leaves behind: no answer, or (TCP) a connection that
     * carried no data either way (refused, reset, or a handshake only).
     */
    public boolean failed(int protocol) {
        return unanswered() || tcpWithoutData(protocol);
    }

    /**
     * A TCP connection the destination accepted (it answered and never reset) and the source
     * closed with a FIN, no reset, without a byte of payload either way: a check that a service is
     * up (Nagios' check_tcp, {@code nc -z}), as Zeek's scan policy leaves it uncounted. Scanners
     * are refused, go unanswered, or abort what they opened with a reset.
     */
    public boolean closedPolitelyWithoutData(int protocol) {
        return protocol == DecodedPacket.TCP && forwardPayload == 0 && backwardPayload == 0 && backwardPackets > 0
                && !responderReset && forwardFin && !forwardReset;
    }

    /** Both sides sent payload: the two ends spoke a protocol (what a probe never does). */
    public boolean conversed() {
        return forwardPayload > 0 && backwardPayload > 0;
    }

    public long forwardPackets() {
        return forwardPackets;
    }

    public long backwardPackets() {
        return backwardPackets;
    }

    public long forwardPayload() {
        return forwardPayload;
    }

    public long backwardPayload() {
        return backwardPayload;
    }

    /** Packets of the flow's source that carried payload (a request sent in pieces has several). */
    public long forwardPayloadPackets() {
        return forwardPayloadPackets;
    }

    /** The source's payload, a UDP DNS message counted only to the end of its question (its records left out). */
    public long forwardQuestionBytes() {
        return forwardQuestionBytes;
    }

    /** The destination's payload, a UDP DNS message counted only to the end of its question. */
    public long backwardQuestionBytes() {
        return backwardQuestionBytes;
    }

    /** Packets of the source that carried new bytes (TCP resends left out; other protocols: every payload packet). */
    public long forwardDataPackets() {
        return forwardDataPackets;
    }

    /**
     * The longest time an answer came after the source's last payload before it, in nanoseconds;
     * answers after the source closed (FIN or RST) do not count. 0 without answers.
     */
    public long longestAnswerWait() {
        return longestAnswerWait;
    }

    /**
     * The source's new bytes were exactly one whole HTTP request: its head ended in the first
     * segment and the body its Content-Length announced came in full, and nothing more. A slow DoS
     * tool never completes its request (slowloris never ends the head, a slow POST never sends its
     * body).
     */
    public boolean sentOneWholeRequest() {
        return announcedRequest > 0 && forwardData == announcedRequest;
    }

    /** The destination sent payload before the source closed its side (FIN or reset). */
    public boolean answeredBeforeClose() {
        return answeredBeforeClose;
    }

    /** TCP packets in which the flow's source advertised a zero window (not SYN or RST). */
    public long forwardZeroWindows() {
        return forwardZeroWindows;
    }

    /** TCP payload the source sent, without bytes sent again (other protocols: all payload). */
    public long forwardData() {
        return forwardData;
    }

    /** TCP payload the destination sent, without bytes sent again (other protocols: all payload). */
    public long backwardData() {
        return backwardData;
    }

    /** DNS answers (over UDP) the destination sent. */
    public long backwardDnsAnswers() {
        return backwardDnsAnswers;
    }

    /** DNS answers of the destination that said the name does not exist (NXDOMAIN). */
    public long backwardNameErrors() {
        return backwardNameErrors;
    }

    /** What the source sent before the destination sent any payload (without bytes sent again). */
    public long firstForwardMessage() {
        return firstForwardMessage;
    }

    public long backwardBytes() {
        return backwardBytes;
    }

    /** Packets from the destination that carried payload (DNS answers, echo replies). */
    public long backwardPayloadPackets() {
        return backwardPayloadPackets;
    }

    /** Packets from the source whose payload size differed from that of the source's packet before. */
    public long forwardSizeChanges() {
        return forwardSizeChanges;
    }

    /** Packets from the destination whose payload size differed from that of the destination's packet before. */
    public long backwardSizeChanges() {
        return backwardSizeChanges;
    }

    /**
     * Payload packets from the destination whose size is within {@value #ALIKE_BYTES} bytes of the
     * destination's packet before (both carrying payload).
     */
    public long backwardAlikeSizes() {
        return backwardAlikeSizes;
    }

    public long packets() {
        return forwardPackets + backwardPackets;
    }
}
