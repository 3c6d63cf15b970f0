package org.flowmeter.detect;

import static org.flowmeter.detect.SampleStats.variation;

import java.util.Set;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * Credential guessing: many short TCP sessions with data from one source to one authentication
 * service ({@link DetectorConfig#guessPorts}) within the window, so alike that their packet
 * counts and answer sizes barely vary ({@link DetectorConfig#guessSpread}: each try gets the same
 * refusal). A load test or a monitor repeats one request, while a guesser sends a new password
 * each time and gets the same refusal, so the requests must also come in several sizes that got
 * one same answer size (an API client's different requests get different answers). Sizes leave
 * out bytes sent again, and on TLS ports the request is what follows the client's first message
 * (the ClientHello), so TLS handshakes do not make one repeated request look varied; where the
 * login is the client's first message (MQTT, Redis) the request is that message alone. Outside web
 * ports a guesser that tries several passwords per connection is counted by its tries instead:
 * answers that repeat the size of one of the two answers before them (the same refusal, or the
 * same pair of prompt and refusal), in at least {@link DetectorConfig#guessTrySessions} sessions;
 * on web ports only answers repeated after a request of a new size count (a new password), and
 * only in sessions where they are half of the answers. A guesser on the web that fetches the login
 * form before each post is counted by its refusals alone: many sessions with one answer size after
 * requests of many sizes ({@link DetectorConfig#guessRefusalRequestSizes}), a good share
 * ({@link DetectorConfig#guessRefusalShare}) of the source's sessions to the service.
 * On UDP services that ignore a wrong secret ({@link DetectorConfig#guessSilentUdpPorts}: SNMP drops a
 * wrong community) one flow is enough: many requests over one socket, nearly all unanswered, their
 * size changing from one to the next (each a new secret; {@link DetectorConfig#guessSilentRequests}).
 * On UDP services that answer each unknown target with one same error
 * ({@link DetectorConfig#guessEnumerationUdpPorts}: SIP's 404 or 401 per extension) one flow is enough
 * too: many requests at a brisk rate over one socket, their size changing (another extension each
 * time), nearly every answer alike in size ({@link DetectorConfig#guessEnumerationRequests}).
 * Names guessed at a DNS server are counted by its answers over UDP: many that say the name does
 * not exist ({@link DetectorConfig#guessNameErrors}), nearly all of them
 * ({@link DetectorConfig#guessNameErrorShare}).
 * Covers every flow from the source to that service in the pattern's span.
 */
public final class GuessingDetector implements Detector {
    public static final String NAME = "guessing";
    private static final int SESSIONS = 0;
    private static final int PACKETS = 1;
    private static final int PACKETS_SQUARED = 2;
    private static final int ANSWER = 3;
    private static final int ANSWER_SQUARED = 4;
    private static final int TRIES = 5;
    private static final int TRY_SESSIONS = 6;
    private static final int DNS_ANSWERS = 7;
    private static final int NAME_ERRORS = 8;
    private static final int DNS_PORT = 53;
    /** Answer sizes whose request sizes are kept per window: room for the pages a client fetched before a refusal. */
    private static final int ANSWER_SIZES = 32;
    /** Silent UDP guessing: most answers per request, and least share of requests whose size changed. */
    private static final double SILENT_ANSWERED = 0.1;
    private static final double SILENT_SIZE_CHANGES = 0.5;
    /** UDP enumeration: least share of requests answered, of request size changes, of alike answers; least requests a second. */
    private static final double ENUMERATION_ANSWERED = 0.5;
    private static final double ENUMERATION_SIZE_CHANGES = 0.5;
    private static final double ENUMERATION_ALIKE_ANSWERS = 0.8;
    private static final double ENUMERATION_RATE = 1.0;

    private final int sessionThreshold;
    private final double spread;
    private final long sessionMax;
    private final Set<Integer> ports;
    private final Set<Integer> webPorts;
    private final int webRequestSizes;
    private final Set<Integer> tlsPorts;
    private final Set<Integer> firstMessagePorts;
    private final Set<Integer> tryExcludedPorts;
    private final int tryThreshold;
    private final int trySessions;
    private final int tryRepeats;
    private final long refusalBytes;
    private final double refusalShare;
    private final int refusalRequestSizes;
    private final Set<Integer> silentUdpPorts;
    private final int silentRequests;
    private final Set<Integer> enumerationUdpPorts;
    private final int enumerationRequests;
    private final int nameErrors;
    private final double nameErrorShare;
    private final KeyTable services;
    private final SlotWindows windows;
    private final RequestSizesPerAnswer sizes;
    /** Latest start of a counted session per slot: sessions end out of order, the one that crosses the threshold may not be the last to start. */
    private final long[] latestStart;

    public GuessingDetector(DetectorConfig config) {
        this.sessionThreshold = config.guessSessions;
        this.spread = config.guessSpread;
        this.sessionMax = config.guessSessionMax.toNanos();
        this.ports = Set.copyOf(config.guessPorts);
        this.webPorts = Set.copyOf(config.webPorts);
        this.webRequestSizes = config.guessWebRequestSizes;
        this.tlsPorts = Set.copyOf(config.guessTlsPorts);
        this.firstMessagePorts = Set.copyOf(config.guessFirstMessagePorts);
        this.tryExcludedPorts = Set.copyOf(config.guessTryExcludedPorts);
        this.tryThreshold = config.guessTries;
        this.trySessions = config.guessTrySessions;
        this.tryRepeats = config.guessTryRepeats;
        this.refusalBytes = config.guessRefusalBytes;
        this.refusalShare = config.guessRefusalShare;
        this.refusalRequestSizes = config.guessRefusalRequestSizes;
        this.silentUdpPorts = Set.copyOf(config.guessSilentUdpPorts);
        this.silentRequests = config.guessSilentRequests;
        this.enumerationUdpPorts = Set.copyOf(config.guessEnumerationUdpPorts);
        this.enumerationRequests = config.guessEnumerationRequests;
        this.nameErrors = config.guessNameErrors;
        this.nameErrorShare = config.guessNameErrorShare;
        this.services = new KeyTable(config.tableSize);
        this.windows = new SlotWindows(services.slots(), config.guessWindow.toNanos(), 9, config.guessWebRequestSizes);
        this.sizes = new RequestSizesPerAnswer(services.slots(), ANSWER_SIZES,
                Math.max(config.guessWebRequestSizes, config.guessRefusalRequestSizes));
        this.latestStart = new long[services.slots()];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if (flow.protocol == DecodedPacket.UDP && flow.dstPort == DNS_PORT) {
            observeLookups(flow, facts);
            return;
        }
        boolean silent = silentUdpPorts.contains(flow.dstPort);
        if (flow.protocol == DecodedPacket.UDP && (silent || enumerationUdpPorts.contains(flow.dstPort))) {
            if (silent ? isSilentGuessing(facts) : isEnumeration(flow, facts)) {
                int slot = services.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                        Keys.service(flow.ipVersion, flow.protocol, flow.dstPort), flow.firstNanos());
                if (services.fresh()) {
                    windows.reset(slot);
                    latestStart[slot] = flow.firstNanos();
                }
                services.flag(slot, flow.firstNanos(), flow.firstNanos());
            }
            return;
        }
        if (flow.protocol != DecodedPacket.TCP || !ports.contains(flow.dstPort)
                || facts.forwardPayload() == 0 || facts.backwardPayload() == 0
                || flow.lastNanos() - flow.firstNanos() > sessionMax) {
            return;
        }
        long t = flow.firstNanos();
        int slot = services.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort), t);
        if (services.fresh()) {
            windows.reset(slot);
            latestStart[slot] = t;
        }
        latestStart[slot] = Math.max(latestStart[slot], t);
        sizes.rolled(slot, windows.roll(slot, t));
        double packets = facts.packets();
        double answer = facts.backwardPayload();
        windows.add(slot, SESSIONS, 1);
        windows.add(slot, PACKETS, packets);
        windows.add(slot, PACKETS_SQUARED, packets * packets);
        windows.add(slot, ANSWER, answer);
        windows.add(slot, ANSWER_SQUARED, answer * answer);
        boolean web = webPorts.contains(flow.dstPort);
        boolean triesCount = !tryExcludedPorts.contains(flow.dstPort);
        // On the web a kept-alive client polling one resource repeats its answers too: there a
        // try is a repeated answer to a request of a new size.
        long repeats = web ? facts.newRequestRepeatedAnswers() : facts.repeatedAnswers();
        long largestRepeat = web ? facts.largestNewRequestRepeatedAnswer() : facts.largestRepeatedAnswer();
        if (triesCount && repeats >= tryRepeats && largestRepeat <= refusalBytes
                && facts.backwardPayload() <= refusalBytes * facts.answers()
                && (!web || (repeats + 1) * 2 >= facts.answers())) {
            // Several tries on one connection: each repeated refusal is one more (the first try's
            // refusal repeats nothing, hence the 1). A session whose answers are large on average
            // carried data (a file copy, a mailbox read), whatever small messages it repeated. On
            // the web the tries must also be half of the answers: a browser's kept-alive
            // connection gets a few alike answers (pages not found) among its pages.
            windows.add(slot, TRIES, repeats + 1);
            windows.add(slot, TRY_SESSIONS, 1);
        }
        sizes.add(slot, facts.backwardData(), request(flow, facts));
        windows.counted(slot, t);
        if (isGuessing(slot) || web && isGuessingBesideOtherPages(slot)
                || triesCount && isGuessingOnFewConnections(slot)) {
            services.flag(slot, windows.firstStart(slot), latestStart[slot]);
        } else if (services.flagged(slot) && t <= services.flaggedUntil(slot) + windows.window()) {
            services.flag(slot, t, t);
        }
    }

    /**
     * Names guessed at a DNS server (subdomain brute force: dnsrecon, dnsenum, fierce): thousands of
     * names from a list, nearly all answered "no such name". A client's lookups are of names that
     * exist, with a few misses (a typo, a search domain tried first).
     */
    private void observeLookups(Flow flow, FlowFacts facts) {
        if (facts.backwardDnsAnswers() == 0) {
            return;
        }
        long t = flow.firstNanos();
        int slot = services.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort), t);
        if (services.fresh()) {
            windows.reset(slot);
            latestStart[slot] = t;
        }
        latestStart[slot] = Math.max(latestStart[slot], t);
        sizes.rolled(slot, windows.roll(slot, t));
        windows.add(slot, DNS_ANSWERS, facts.backwardDnsAnswers());
        windows.add(slot, NAME_ERRORS, facts.backwardNameErrors());
        windows.counted(slot, t);
        double errors = windows.sum(slot, NAME_ERRORS);
        if (errors >= nameErrors && errors >= nameErrorShare * windows.sum(slot, DNS_ANSWERS)) {
            services.flag(slot, windows.firstStart(slot), latestStart[slot]);
        } else if (services.flagged(slot) && t <= services.flaggedUntil(slot) + windows.window()) {
            services.flag(slot, t, t);
        }
    }

    /**
     * One socket's tries at a service that ignores a wrong secret: many requests, nearly none
     * answered, their sizes changing as the secrets do. An agent that is down gets its requests
     * again, each the same size as before; a right community gets every request answered.
     */
    private boolean isSilentGuessing(FlowFacts facts) {
        long requests = facts.forwardPayloadPackets();
        return requests >= silentRequests && facts.backwardPayloadPackets() <= SILENT_ANSWERED * requests
                && facts.forwardSizeChanges() >= SILENT_SIZE_CHANGES * requests;
    }

    /**
     * One socket's requests for many targets of a service that answers each unknown one with the
     * same error: many requests, at least one a second, most answered, their size changing with
     * the target, the answers alike. A phone re-registering and keeping its registration alive
     * gets answers of two kinds in turn (a challenge and an OK, or the OKs of a registration and
     * of a keep-alive), a call gets provisional and final answers of many sizes, and neither
     * sends a request a second for long.
     */
    private boolean isEnumeration(Flow flow, FlowFacts facts) {
        long requests = facts.forwardPayloadPackets();
        long answers = facts.backwardPayloadPackets();
        double seconds = (flow.lastNanos() - flow.firstNanos()) / 1e9;
        return requests >= enumerationRequests && requests >= ENUMERATION_RATE * seconds
                && answers >= ENUMERATION_ANSWERED * requests
                && facts.forwardSizeChanges() >= ENUMERATION_SIZE_CHANGES * requests
                && facts.backwardAlikeSizes() >= ENUMERATION_ALIKE_ANSWERS * (answers - 1);
    }

    private boolean isGuessing(int slot) {
        double n = windows.sum(slot, SESSIONS);
        if (n < sessionThreshold) {
            return false;
        }
        // A guesser sends a new password each time and gets the same refusal; a monitor's check (a
        // greeting read, QUIT) or a load test repeats one request, on any port, and a client of
        // an API sends a few kinds of request, each with its own answer.
        return variation(n, windows.sum(slot, PACKETS), windows.sum(slot, PACKETS_SQUARED)) <= spread
                && variation(n, windows.sum(slot, ANSWER), windows.sum(slot, ANSWER_SQUARED)) <= spread
                && sizes.mostRequestsForOneAnswer(slot) >= webRequestSizes;
    }

    /**
     * The session's request size, without bytes sent again. On TLS ports it leaves out the client's
     * first message, the ClientHello: its size changes with what the client remembers (session
     * tickets, retried key shares), not with what it asks. Where the login is the first message
     * (MQTT, Redis) it is that message alone: what a client sends once logged in varies, its
     * secret does not.
     */
    private long request(Flow flow, FlowFacts facts) {
        if (firstMessagePorts.contains(flow.dstPort)) {
            return facts.firstForwardMessage();
        }
        long request = facts.forwardData();
        if (tlsPorts.contains(flow.dstPort)) {
            request -= facts.firstForwardMessage();
        }
        return request;
    }

    /**
     * A guesser on the web whose tries also fetch other pages (the login form before each post):
     * its sessions differ as a whole, but the refusals are many sessions with one answer size
     * after requests of several sizes.
     */
    private boolean isGuessingBesideOtherPages(int slot) {
        // The refusals are a good part of what the guesser asks (a form and a post: half); a
        // browser's or a load test's pages not found share one answer too, amid many other pages.
        int refusals = sizes.mostSessionsOfOneAnswer(slot, refusalRequestSizes);
        return refusals >= sessionThreshold && refusals >= refusalShare * windows.sum(slot, SESSIONS);
    }

    /**
     * A guesser that keeps a connection for several passwords (hydra on FTP and SSH) opens few
     * sessions, so it is counted by its tries: the refusals repeated in its sessions.
     */
    private boolean isGuessingOnFewConnections(int slot) {
        return windows.sum(slot, TRIES) >= tryThreshold && windows.sum(slot, TRY_SESSIONS) >= trySessions;
    }

    @Override
    public boolean covers(Flow flow) {
        int slot = services.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort));
        return services.covers(slot, flow.firstNanos());
    }

    @Override
    public long distinctValueBytes() {
        return windows.valueSetsBytes();
    }

    @Override
    public long evictions() {
        return services.evictions();
    }
}
