package org.flowmeter.detect;

import java.time.Duration;
import java.util.Set;

/**
 * The detectors' thresholds, with documented defaults (docs/detectors.md). Rates are counts per
 * window, where a count spans the current and the previous window (so between one and two
 * windows of traffic), like Zeek's "25 hosts in 5 minutes".
 */
public final class DetectorConfig {
    /*
     * Defaults of the thresholds the command line sets, as constants so that the options' help
     * prints these very values. Each is documented at its field below.
     */
    public static final int DEFAULT_SCAN_HOSTS = 25;
    public static final int DEFAULT_SCAN_PORTS = 15;
    public static final int DEFAULT_SCAN_WINDOW_MINUTES = 5;
    public static final int DEFAULT_SCAN_PEERS = 2;
    public static final int DEFAULT_SCAN_QUIET_PORTS = 8;
    public static final int DEFAULT_GUESS_NAME_ERRORS = 500;
    public static final double DEFAULT_GUESS_NAME_ERROR_SHARE = 0.8;
    public static final int DEFAULT_GUESS_ENUMERATION_REQUESTS = 50;
    public static final int DEFAULT_SCAN_PEER_MIN_PORT = 1024;
    public static final int DEFAULT_FLOOD_FLOWS = 2000;
    public static final int DEFAULT_FLOOD_PACKETS = 2_000;
    public static final int DEFAULT_FLOOD_PACKET_RATE = 500;
    public static final int DEFAULT_FLOOD_EMPTY_PACKET_RATE = 100;
    public static final int DEFAULT_FLOOD_WINDOW_SECONDS = 60;
    public static final int DEFAULT_FLOOD_SOURCES = 50;
    public static final int DEFAULT_FLOOD_SOURCE_FLOWS = 500;
    public static final int DEFAULT_GUESS_SESSIONS = 20;
    public static final double DEFAULT_GUESS_SPREAD = 0.15;
    public static final int DEFAULT_GUESS_WINDOW_MINUTES = 5;
    public static final int DEFAULT_GUESS_TRIES = 20;
    public static final int DEFAULT_GUESS_TRY_SESSIONS = 3;
    public static final int DEFAULT_BEACON_REPEATS = 12;
    public static final double DEFAULT_BEACON_SPREAD = 0.15;
    public static final int DEFAULT_SLOW_DOS_CONNECTIONS = 16;
    public static final int DEFAULT_SLOW_DOS_TRICKLES = 5;
    public static final int DEFAULT_SLOW_DOS_MIN_SECONDS = 10;
    public static final int DEFAULT_SLOW_DOS_RATE = 100;
    public static final int DEFAULT_SLOW_DOS_REQUESTS = 20;
    public static final int DEFAULT_SLOW_DOS_WINDOW_MINUTES = 5;
    public static final int DEFAULT_TUNNEL_DNS_QUERIES = 100;
    public static final int DEFAULT_TUNNEL_DNS_QUERY_BYTES = 64;
    public static final int DEFAULT_TUNNEL_DNS_ANSWER_BYTES = 600;
    public static final int DEFAULT_TUNNEL_ICMP_REQUESTS = 100;
    public static final double DEFAULT_TUNNEL_ICMP_SIZE_CHANGES = 0.2;
    public static final int DEFAULT_TUNNEL_ICMP_BYTES = 512;
    public static final int DEFAULT_TUNNEL_WINDOW_MINUTES = 5;
    public static final int DEFAULT_LINK_FLOOD_SOURCES = 500;
    public static final int DEFAULT_LINK_FLOOD_ROUTER_SOURCES = 10;
    public static final int DEFAULT_LINK_FLOOD_WINDOW_SECONDS = 10;

    /** Scan: distinct hosts one source failed at (Zeek's address scan: 25 in 5 minutes). */
    public int scanHosts = DEFAULT_SCAN_HOSTS;
    /** Scan: distinct services of one host one source failed at (Zeek's port scan: 15 in 5 minutes). */
    public int scanPorts = DEFAULT_SCAN_PORTS;
    public Duration scanWindow = Duration.ofMinutes(DEFAULT_SCAN_WINDOW_MINUTES);
    /** Scan: most failed flows per distinct target (a scanner probes once or twice, a peer-to-peer client retries). */
    public double scanRetries = 3;
    /**
     * Scan: least distinct services of one host at which a source's flows failed within the window
     * while the two had no flow that did not fail in the window around (a slow or short vertical
     * scan, below {@link #scanPorts}); 0 turns this off.
     */
    public int scanQuietPorts = DEFAULT_SCAN_QUIET_PORTS;
    /**
     * Scan: a horizontal sweep of an unprivileged port ({@link #scanPeerMinPort} or above) is a
     * peer-to-peer client looking for peers, not a scan, when the source exchanged payload both
     * ways with at least this many distinct hosts on that port within the window.
     */
    public int scanPeers = DEFAULT_SCAN_PEERS;
    /**
     * Scan: least destination port at which peer-to-peer clients listen (below it, and on the
     * service ports of {@link #guessPorts}, sweeps are scans).
     */
    public int scanPeerMinPort = DEFAULT_SCAN_PEER_MIN_PORT;

    /** Flood: flows without data (UDP, ICMP, or TCP that carried no payload) from one source to one host. */
    public int floodFlows = DEFAULT_FLOOD_FLOWS;
    /**
     * Flood: one flow of at least this many packets from its source, nearly unanswered (or ICMP,
     * or TCP without data). No benign UDP or ICMP flow of the lab, public or realistic captures
     * sends even 500 packets at 50 a second; a volume flood from a fixed port (hping3 -k, ping -f)
     * sends thousands at hundreds a second.
     */
    public int floodPackets = DEFAULT_FLOOD_PACKETS;
    /** Flood: the one-flow flood's least rate, packets per second from the source. */
    public double floodPacketRate = DEFAULT_FLOOD_PACKET_RATE;
    /**
     * Flood: the one-flow flood's least rate when its packets carry nothing a service could use:
     * ICMP, TCP without payload either way (flag floods), or UDP datagrams without payload. No
     * protocol sends thousands of such packets at a hundred a second (a ping sends one a second);
     * flood tools that pace themselves, or a busy sender, send a few hundred (nping at 150-420).
     */
    public double floodEmptyPacketRate = DEFAULT_FLOOD_EMPTY_PACKET_RATE;
    /**
     * Flood: one DNS flow (a fixed source port to port 53) of at least this many queries, answered
     * or not: resolvers and stub clients use a fresh port for each query or two, a query flood
     * tool (dnsperf, resperf) reuses a few sockets for thousands.
     */
    public int floodDnsQueries = 500;
    /** Flood: the one-flow DNS flood's least rate, queries per second. */
    public double floodDnsRate = 20;
    public Duration floodWindow = Duration.ofSeconds(DEFAULT_FLOOD_WINDOW_SECONDS);

    /** Many-source flood: distinct sources of failed or unanswered flows to one host and protocol. */
    public int floodSources = DEFAULT_FLOOD_SOURCES;
    /** Many-source flood: failed or unanswered flows to that host and protocol. */
    public int floodSourceFlows = DEFAULT_FLOOD_SOURCE_FLOWS;

    /** Guessing: short sessions with data from one source to one authentication service. */
    public int guessSessions = DEFAULT_GUESS_SESSIONS;
    /** Guessing: the largest coefficient of variation of the sessions' packets and answer bytes. */
    public double guessSpread = DEFAULT_GUESS_SPREAD;
    /** Guessing: sessions longer than this are not counted (a login attempt is quick). */
    public Duration guessSessionMax = Duration.ofSeconds(30);
    public Duration guessWindow = Duration.ofMinutes(DEFAULT_GUESS_WINDOW_MINUTES);
    /** Guessing: the services counted as authentication services (TCP ports). */
    public Set<Integer> guessPorts = Set.of(21, 22, 23, 25, 110, 143, 389, 445, 465, 587, 993, 995, 1433,
            3306, 3389, 5432, 5900, 80, 443, 8000, 8080, 8443, 8888, 1883, 6379);
    /** Web ports, where a load test or a monitor repeats one request: guessing there needs varied requests. */
    public Set<Integer> webPorts = Set.of(80, 443, 8000, 8080, 8443, 8888);
    /**
     * Guessing: least distinct request sizes that got one same answer size (passwords vary and each
     * gets the same refusal; a load test, a monitor or an API client repeats its requests, and its
     * different requests get different answers).
     */
    public int guessWebRequestSizes = 3;
    /**
     * Guessing: ports spoken over TLS from the first byte, where a session's request is what the
     * client sends after its first message (the ClientHello, which varies with the client's state
     * and not with the password).
     */
    public Set<Integer> guessTlsPorts = Set.of(443, 465, 993, 995, 8443);
    /**
     * Guessing: ports of services whose login is the client's first message (MQTT's CONNECT, Redis's
     * AUTH), where a session's request is that message alone. A client logs in with its one secret
     * and then says something new each time (a reading, a value to store); a guesser's first
     * message changes with every password.
     */
    public Set<Integer> guessFirstMessagePorts = Set.of(1883, 6379);
    /**
     * Guessing with several tries per connection (outside web ports): least tries, counted as the
     * repeated refusals of sessions that each repeated one at least {@link #guessTryRepeats} times.
     */
    public int guessTries = DEFAULT_GUESS_TRIES;
    /**
     * Guessing with several tries per connection: ports left out (mail transfer and submission
     * answer each command of a message with the same "250 Ok", so a mail client repeats answers too;
     * so do Redis, "+OK" to each command of a pooled connection, and MQTT, one acknowledgement per
     * message).
     */
    public Set<Integer> guessTryExcludedPorts = Set.of(25, 465, 587, 1883, 6379);
    /** Guessing with several tries per connection: least such sessions (a login by hand is one). */
    public int guessTrySessions = DEFAULT_GUESS_TRY_SESSIONS;
    /** Guessing with several tries per connection: least repeated answers of one session for it to count. */
    public int guessTryRepeats = 2;
    /**
     * Guessing with several tries per connection: a repeated answer larger than this, or a session
     * whose answers average more, is data, not refusals.
     */
    public int guessRefusalBytes = 512;
    /**
     * Guessing on the web beside other pages: least share of the sessions from the source to the
     * service that got one answer size after at least {@link #guessRefusalRequestSizes} request
     * sizes (the refusals of a guesser that fetches the login form before each post are half
     * of its sessions; the pages not found of a browser or a load test are a few in a hundred).
     */
    public double guessRefusalShare = 0.3;
    /**
     * Guessing on the web beside other pages: least distinct request sizes before that one answer
     * size. Passwords from a list come in many lengths; a client posting readings to one endpoint
     * sends a couple of adjacent sizes (a digit more or less) and gets one same acknowledgement.
     */
    public int guessRefusalRequestSizes = 5;

    /**
     * Guessing names at a DNS server (subdomain brute force): least answers "no such name"
     * (NXDOMAIN) from one server to one client over UDP in the window. A brute force tries
     * thousands of names from a list; a client's misses are a typo or a search domain tried first.
     */
    public int guessNameErrors = DEFAULT_GUESS_NAME_ERRORS;
    /** Guessing names: least share of the server's answers to that client that are "no such name". */
    public double guessNameErrorShare = DEFAULT_GUESS_NAME_ERROR_SHARE;

    /**
     * Guessing over UDP: services that ignore a request with a wrong secret instead of refusing it
     * (SNMP agents drop a wrong community), where a guesser sends its tries over one socket.
     */
    public Set<Integer> guessSilentUdpPorts = Set.of(161);
    /**
     * Guessing over UDP: least requests in one flow to such a service, at most a tenth of them
     * answered, the size changing from one request to the next in at least half of them (a new
     * secret each time; a client of a silent agent sends each request again, the same size).
     */
    public int guessSilentRequests = 20;
    /**
     * Enumeration over UDP: services that answer a request for an unknown target with one short
     * error, the same for every target (a SIP server's 404 or 401 for each extension tried), where
     * an enumerator sends its requests over one socket.
     */
    public Set<Integer> guessEnumerationUdpPorts = Set.of(5060);
    /**
     * Enumeration over UDP: least requests in one flow to such a service, at least one a second,
     * half of them answered, the size changing from one request to the next in at least half of
     * them (another target each time), and at least 4 in 5 answers within 16 bytes of the answer
     * before (one error, said again).
     */
    public int guessEnumerationRequests = DEFAULT_GUESS_ENUMERATION_REQUESTS;

    /** Beacon: least connections in one periodic series. */
    public int beaconRepeats = DEFAULT_BEACON_REPEATS;
    /** Beacon: largest coefficient of variation of the intervals between connection starts. */
    public double beaconSpread = DEFAULT_BEACON_SPREAD;
    /** Beacon: least mean interval (faster is a burst, not a beacon). */
    public Duration beaconMinInterval = Duration.ofSeconds(1);
    /** Beacon: an interval longer than this starts a new series. */
    public Duration beaconMaxInterval = Duration.ofHours(1);
    /** Beacon: also to private and local destinations (monitoring polls inside a network are periodic too). */
    public boolean beaconLocal = false;

    /**
     * Slow DoS: least average number of held connections (long, little payload: see
     * {@link #slowDosMinDuration}, {@link #slowDosRate}) from one source to one service open at
     * once, over the span from the first one's start to the last one's end. Browsers hold 6 to 12
     * parallel connections, a few of them idle keep-alives; a slow DoS tool holds hundreds.
     */
    public int slowDosConnections = DEFAULT_SLOW_DOS_CONNECTIONS;
    /**
     * Slow DoS: least average number of trickling connections open at once (held, with a request
     * sent in several pieces and never answered: slowloris headers, a slow POST body).
     */
    public int slowDosTrickles = DEFAULT_SLOW_DOS_TRICKLES;
    /** Slow DoS: a connection is held when it lasts at least this long... */
    public Duration slowDosMinDuration = Duration.ofSeconds(DEFAULT_SLOW_DOS_MIN_SECONDS);
    /**
     * ...and carries at most this much payload per second, both ways together (bytes), with at
     * most one answer of at most {@link #slowDosAnswerBytes}...
     */
    public double slowDosRate = DEFAULT_SLOW_DOS_RATE;
    /** ...or, when its source advertised a zero window (a slow read), at most this much. */
    public double slowDosZeroWindowRate = 2_000;
    /**
     * Slow DoS by oversized requests (slowhttptest's range mode, Apache Killer): least such
     * requests from one source to one web service ({@link #webPorts}) in the window, of alike
     * sizes. Only web ports: a mail relay or a database client also sends large messages answered
     * by a short "ok".
     */
    public int slowDosRequests = DEFAULT_SLOW_DOS_REQUESTS;
    /** Slow DoS: an oversized request carries at least this much payload (HTTP servers cap a header at 8 KB)... */
    public long slowDosRequestBytes = 8_192;
    /**
     * ...and gets an answer of at most this much payload (an error), at most an eighth of the
     * request. Also the most a held connection may get back.
     */
    public long slowDosAnswerBytes = 1_024;
    /** Slow DoS: the largest coefficient of variation of the oversized requests' sizes (a tool repeats one request). */
    public double slowDosRequestSpread = 0.15;
    public Duration slowDosWindow = Duration.ofMinutes(DEFAULT_SLOW_DOS_WINDOW_MINUTES);
    /**
     * Tunnel: least DNS queries from one source to one server in the window, enough for their mean
     * sizes to say something (the tunnels measured send 150 to 581 a minute; docs/detectors.md).
     */
    public int tunnelDnsQueries = DEFAULT_TUNNEL_DNS_QUERIES;
    /** Tunnel: least mean query payload (bytes): encoded data makes long names; a lookup is 30-60 bytes. */
    public double tunnelDnsQueryBytes = DEFAULT_TUNNEL_DNS_QUERY_BYTES;
    /** Tunnel: least mean answer payload (bytes) that alone marks a DNS tunnel (data sent back in TXT or NULL records). */
    public double tunnelDnsAnswerBytes = DEFAULT_TUNNEL_DNS_ANSWER_BYTES;
    /** Tunnel: least ICMP echo requests from one source to one host in the window. */
    public int tunnelIcmpRequests = DEFAULT_TUNNEL_ICMP_REQUESTS;
    /** Tunnel: least share of echo requests whose payload size differs from the request before. */
    public double tunnelIcmpSizeChanges = DEFAULT_TUNNEL_ICMP_SIZE_CHANGES;
    /**
     * Tunnel: least mean echo payload (bytes) that marks an ICMP tunnel when the replies do not
     * mirror the requests' size (ping sends 56 or 32 and gets them back).
     */
    public double tunnelIcmpBytes = DEFAULT_TUNNEL_ICMP_BYTES;
    /** Tunnel: least share of echo requests answered (a tunnel is a two-way channel). */
    public double tunnelIcmpAnswered = 0.5;
    public Duration tunnelWindow = Duration.ofMinutes(DEFAULT_TUNNEL_WINDOW_MINUTES);

    /**
     * Link flood: distinct sources of one link control message type (ICMPv6 neighbour discovery,
     * MLD, DHCPv6...) to one multicast group in the window. Flood tools make up a source per
     * message and send thousands a second; a link's hosts answering an MLD query all at once are
     * as many as the link has hosts.
     */
    public int linkFloodSources = DEFAULT_LINK_FLOOD_SOURCES;
    /**
     * Link flood: distinct sources of a message only routers send (router advertisement, redirect,
     * MLD query, multicast router advertisement) to one group in the window: a link has a few
     * routers. Also for neighbour solicitations to a group other than a solicited-node group,
     * which no host sends.
     */
    public int linkFloodRouterSources = DEFAULT_LINK_FLOOD_ROUTER_SOURCES;
    public Duration linkFloodWindow = Duration.ofSeconds(DEFAULT_LINK_FLOOD_WINDOW_SECONDS);

    /** Keys each detector table holds (memory is fixed by it). */
    public int tableSize = 1 << 13;
}
