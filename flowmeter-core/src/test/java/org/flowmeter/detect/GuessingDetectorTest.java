package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GuessingDetectorTest {
    private static final String GUESSER = "10.0.0.66";
    private static final String SERVER = "10.0.0.10";

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), GuessingDetector.NAME);
    }

    @Test
    void twentyAlikeSshLoginsAreFlaggedAndTheSameHostsOtherServiceIsNot() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            r.session(i * 2 * S, GUESSER, 40000 + i, SERVER, 22, 90 + i % 7, 300); // a new password, the same refusal
            expected.put(key(GUESSER, 40000 + i, SERVER, 22), "guessing");
        }
        r.session(5 * S, GUESSER, 45000, SERVER, 443, 500, 9000);
        assertThat(r.flagged()).isEqualTo(expected);
    }

    @Test
    void nineteenLoginsAreBelowTheThreshold() {
        DetectorRun r = run();
        for (int i = 0; i < 19; i++) {
            r.session(i * 2 * S, GUESSER, 40000 + i, SERVER, 22, 90 + i % 7, 300);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void basicAuthGuessingOnTheWebIsFlaggedButALoadTestOrAMonitorRepeatingOneRequestIsNot() {
        DetectorRun guesser = run();
        for (int i = 0; i < 30; i++) {
            guesser.session(i * S, GUESSER, 40000 + i, SERVER, 80, 180 + 4 * (i % 3), 460);
        }
        assertThat(guesser.flagged()).hasSize(30).containsValue("guessing");

        DetectorRun load = run();
        for (int i = 0; i < 500; i++) {
            load.session(i * 10_000_000L, "10.0.0.5", 20000 + i, SERVER, 80, 110, 5200);
        }
        assertThat(load.flagged()).isEmpty();
    }

    /**
     * A mail client sending eight messages: the server answers MAIL FROM and RCPT TO with the same
     * "250 2.1.x Ok" (14 bytes), so answers repeat in every session; mail ports do not count tries.
     */
    @Test
    void aMailClientSendingMessagesIsNotGuessing() {
        DetectorRun r = run();
        for (int i = 0; i < 8; i++) {
            r.exchanges(i * 10 * S, "10.0.0.5", 46000 + i, SERVER, 25, 21, new int[] {20, 26, 24, 6, 900 + 50 * i, 6},
                    new int[] {90, 14, 14, 37, 14, 15}, 10 * DetectorRun.MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** A monitor checking a mail server every 10 s: greeting read, QUIT, goodbye; 30 alike sessions, one request size. */
    @Test
    void aMonitorsGreetingChecksOfAnAuthenticationServiceAreNotGuessing() {
        DetectorRun r = run();
        for (int i = 0; i < 30; i++) {
            r.exchanges(i * 10 * S, "10.0.0.5", 45000 + i, SERVER, 25, 21, new int[] {6}, new int[] {15}, 10 * DetectorRun.MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void sessionsThatDifferAsBrowsingDoesAreLeftAlone() {
        DetectorRun r = run();
        int[] pages = {4200, 48000, 900, 17000, 2300, 120000, 650, 8800};
        for (int i = 0; i < 40; i++) {
            r.session(i * S, "10.0.0.5", 30000 + i, SERVER, 443, 300 + 37 * (i % 5), pages[i % pages.length]);
        }
        assertThat(r.flagged()).isEmpty();
    }

    // An FTP guesser keeping its connection for three passwords: greeting, then USER (answered
    // "331 Please specify the password.", 34 bytes) and PASS ("530 Login incorrect.", 22 bytes).
    private static final int[] FTP_REQUESTS = {12, 15, 12, 16, 12, 14};
    private static final int[] FTP_ANSWERS = {34, 22, 34, 22, 34, 22};

    @Test
    void aGuesserTryingSeveralPasswordsPerConnectionIsCountedByItsRepeatedRefusals() {
        // Each connection: answers 20, 34, 22, 34, 22, 34, 22; the last four repeat one of the two
        // before them, so it counts 5 tries; four connections count 20.
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 4; i++) {
            r.exchanges(i * 12 * S, GUESSER, 41000 + i, SERVER, 21, 20, FTP_REQUESTS, FTP_ANSWERS, 3 * S);
            expected.put(key(GUESSER, 41000 + i, SERVER, 21), "guessing");
        }
        assertThat(r.flagged()).isEqualTo(expected);
    }

    @Test
    void threeSuchConnectionsAreBelowTheTryThreshold() {
        DetectorRun r = run();
        for (int i = 0; i < 3; i++) {
            r.exchanges(i * 12 * S, GUESSER, 41000 + i, SERVER, 21, 20, FTP_REQUESTS, FTP_ANSWERS, 3 * S);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void theTryThresholdIsConfigurable() {
        DetectorConfig config = new DetectorConfig();
        config.guessTries = 15;
        DetectorRun r = new DetectorRun(config, GuessingDetector.NAME);
        for (int i = 0; i < 3; i++) {
            r.exchanges(i * 12 * S, GUESSER, 41000 + i, SERVER, 21, 20, FTP_REQUESTS, FTP_ANSWERS, 3 * S);
        }
        assertThat(r.flagged()).hasSize(3).containsValue("guessing");
    }

    /** A person typing into two SSH sessions: every keystroke echoed alike, but too few sessions to be a guesser. */
    @Test
    void typingIntoTwoSessionsIsNotGuessingHoweverManyEchoesRepeat() {
        DetectorRun r = run();
        int[] keys = new int[40];
        java.util.Arrays.fill(keys, 36);
        for (int i = 0; i < 2; i++) {
            r.exchanges(i * 20 * S, "10.0.0.5", 42000 + i, SERVER, 22, 41, keys, keys, 200 * DetectorRun.MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** The same large answer again and again is data (a poll of a page, a mail fetched twice), not a refusal. */
    @Test
    void repeatedLargeAnswersAreNotRefusals() {
        DetectorRun r = run();
        for (int i = 0; i < 6; i++) {
            r.exchanges(i * 10 * S, "10.0.0.5", 43000 + i, SERVER, 143, 120, new int[] {30, 30, 30, 30, 30, 30},
                    new int[] {2000, 2000, 2000, 2000, 2000, 2000}, S);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * File copies over SSH (scp, sftp) repeat a few small protocol messages too, amid answers of
     * tens of kilobytes: their answers average far more than a refusal.
     */
    @Test
    void fileCopiesThatRepeatSmallMessagesAmidLargeAnswersAreNotGuessing() {
        DetectorRun r = run();
        int[] requests = {1200, 60, 40, 40, 40, 30, 30, 30};
        int[] answers = {1564, 44, 76, 76, 76, 60000, 40000, 52};
        for (int i = 0; i < 8; i++) {
            r.exchanges(i * 10 * S, "10.0.0.5", 44000 + i, SERVER, 22, 41, requests, answers, 100 * DetectorRun.MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    // TLS 1.2 over port 443, as curl and hydra speak it: ClientHello (517 bytes), answered by
    // ServerHello, Certificate and ServerHelloDone (1237); ClientKeyExchange, ChangeCipherSpec and
    // Finished (93), answered by ChangeCipherSpec and Finished (51); then the request and its answer.
    private static int[] tlsRequests(int clientHello, int request) {
        return new int[] {clientHello, 93, request};
    }

    private static int[] tlsAnswers(int answer) {
        return new int[] {1237, 51, answer};
    }

    /**
     * A client repeating one request over TLS whose ClientHello changes size (a session ticket
     * offered or not, padded differently): three sizes of what the client sent in all, one request.
     */
    @Test
    void aTlsPollerWhoseHandshakesDifferInSizeIsNotGuessing() {
        DetectorRun r = run();
        int[] helloSizes = {517, 549, 581};
        for (int i = 0; i < 30; i++) {
            r.exchanges(i * S, "10.0.0.5", 30000 + i, SERVER, 443, 0, tlsRequests(helloSizes[i % 3], 117),
                    tlsAnswers(5616), MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** A guesser over TLS: the same handshake each time, requests of 4 sizes (the passwords), the same refusal. */
    @Test
    void aGuesserOverTlsIsCaughtByTheRequestsAfterTheHandshake() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            r.exchanges(i * S, GUESSER, 40000 + i, SERVER, 443, 0, tlsRequests(517, 160 + 4 * (i % 4)),
                    tlsAnswers(560), MS);
            expected.put(key(GUESSER, 40000 + i, SERVER, 443), "guessing");
        }
        assertThat(r.flagged()).isEqualTo(expected);
    }

    /**
     * A client of an API over TLS, a new connection each time: mostly one resource (117 bytes asked,
     * 5616 answered), sometimes with "Connection: close" (136, 5642), a few submissions (195, 1427).
     * Three request sizes and alike sessions (answers' variation 0.12), but each request has its own
     * answer, while a guesser's different passwords all get the same refusal.
     */
    @Test
    void anApiClientsFewKindsOfRequestEachWithItsOwnAnswerAreNotGuessing() {
        DetectorRun r = run();
        for (int i = 0; i < 113; i++) {
            int request = i < 90 ? 117 : i < 110 ? 136 : 195;
            int answer = i < 90 ? 5616 : i < 110 ? 5642 : 1427;
            r.exchanges(i * S, "10.0.0.5", 30000 + i, SERVER, 443, 0, tlsRequests(517, request), tlsAnswers(answer), MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * One request repeated on a lossy link: some sessions send it again once or twice. Counting the
     * bytes sent again would give three sizes (117, 234, 351).
     */
    @Test
    void requestsSentAgainOnALossyLinkAreOneSize() {
        DetectorRun r = run();
        for (int i = 0; i < 30; i++) {
            r.sessionWithResentRequest(i * S, "10.0.0.5", 30000 + i, SERVER, 80, 117, 5200, i % 10 == 3 ? 1 : i % 10 == 7 ? 2 : 0);
        }
        assertThat(r.flagged()).isEmpty();
    }

    // A login form on the web: the form (a GET of 78 bytes answered with 452), a refusal (a POST
    // of 198-207 bytes, the password's length, answered with the same 308-byte page), a page.
    private static final int FORM_GET = 78;
    private static final int FORM = 452;
    private static final int REFUSAL = 308;

    /**
     * A guesser fetching the form before each post, each on its own connection (hydra
     * http-post-form): the sessions differ as a whole (answers 452 and 308, variation 0.19), but
     * half of them are refusals of one size after posts of ten sizes.
     */
    @Test
    void aFormGuesserFetchingTheFormBeforeEachPostIsFlagged() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 25; i++) {
            r.session(i * S, GUESSER, 40000 + 2 * i, SERVER, 80, FORM_GET, FORM);
            r.session(i * S + 300 * MS, GUESSER, 40001 + 2 * i, SERVER, 80, 198 + i % 10, REFUSAL);
            expected.put(key(GUESSER, 40000 + 2 * i, SERVER, 80), "guessing");
            expected.put(key(GUESSER, 40001 + 2 * i, SERVER, 80), "guessing");
        }
        assertThat(r.flagged()).isEqualTo(expected);
    }

    @Test
    void nineteenFormRefusalsAreBelowTheThreshold() {
        DetectorRun r = run();
        for (int i = 0; i < 19; i++) {
            r.session(i * S, GUESSER, 40000 + 2 * i, SERVER, 80, FORM_GET, FORM);
            r.session(i * S + 300 * MS, GUESSER, 40001 + 2 * i, SERVER, 80, 198 + i % 10, REFUSAL);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * A browser or a load test asking for pages, of which 30 are not found (one 494-byte answer
     * after requests of three sizes) among 300 other pages: alike answers, but a few in a hundred.
     */
    @Test
    void pagesNotFoundAmidManyOtherPagesAreNotGuessing() {
        DetectorRun r = run();
        for (int i = 0; i < 330; i++) {
            boolean missing = i % 11 == 0;
            r.session(i * 500 * MS, "10.0.0.5", 20000 + i, SERVER, 80, missing ? 111 + i % 3 : 107 + i % 15,
                    missing ? 494 : 2000 + 397 * i);
        }
        assertThat(r.flagged()).isEmpty();
    }

    private static int[] passwords(int first, int count) {
        int[] requests = new int[count];
        for (int k = 0; k < count; k++) {
            requests[k] = 170 + (first + k * 7) % 12;
        }
        return requests;
    }

    private static int[] same(int size, int count) {
        int[] answers = new int[count];
        java.util.Arrays.fill(answers, size);
        return answers;
    }

    /**
     * A guesser posting eight passwords on each kept-alive connection (wfuzz): four connections,
     * each a refusal repeated after requests of a new size seven times, so 8 tries each, 32 in all.
     */
    @Test
    void aFormGuesserPostingSeveralPasswordsPerKeptAliveConnectionIsFlagged() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 4; i++) {
            r.exchanges(i * 3 * S, GUESSER, 41000 + i, SERVER, 80, 0, passwords(8 * i, 8), same(REFUSAL, 8), 50 * MS);
            expected.put(key(GUESSER, 41000 + i, SERVER, 80), "guessing");
        }
        assertThat(r.flagged()).isEqualTo(expected);
    }

    /** A poller asking for one small resource again and again on kept-alive connections: answers repeat, the request too. */
    @Test
    void aKeptAlivePollerRepeatingItsRequestIsNotGuessing() {
        DetectorRun r = run();
        for (int i = 0; i < 10; i++) {
            r.exchanges(i * 10 * S, "10.0.0.5", 42000 + i, SERVER, 80, 0, same(120, 12), same(REFUSAL, 12), 500 * MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * A client's kept-alive connections fetching small documents of many sizes, a few of them not
     * found alike (494 bytes): two repeated answers after requests of new sizes in each connection
     * (30 "tries" in 10), but they are fewer than half of its answers.
     */
    @Test
    void keptAliveFetchesWithAFewAlikeAnswersAreNotGuessing() {
        DetectorRun r = run();
        int[] requests = {300, 311, 305, 322, 318, 309, 314, 302};
        int[] answers = {300, 494, 494, 494, 380, 260, 410, 494};
        for (int i = 0; i < 10; i++) {
            r.exchanges(i * 10 * S, "10.0.0.5", 43000 + i, SERVER, 80, 0, requests, answers, 100 * MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * A client of a TLS API (seen in a benign capture): mostly fetches (117 and 136 bytes asked,
     * 4328 and 4354 answered), and 24 readings posted (194 or 195 bytes, one cut short at 150),
     * each acknowledged alike: a third of its sessions share one answer after three request sizes,
     * but a guesser's passwords come in more lengths than a reading's digits.
     */
    @Test
    void aClientPostingReadingsBesideItsFetchesIsNotGuessing() {
        DetectorRun r = run();
        for (int i = 0; i < 74; i++) {
            boolean post = i % 3 == 0;
            int request = post ? (i == 30 ? 150 : 194 + i % 2) : i % 2 == 0 ? 117 : 136;
            int answer = post ? 139 : i % 2 == 0 ? 4328 : 4354;
            r.exchanges(i * S, "10.0.0.5", 30000 + i, SERVER, 443, 0, tlsRequests(517, request), tlsAnswers(answer), MS);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * snmp_guessing.pcap (fixtures/make-snmp-guessing.sh; tshark conv,udp, udp.length): onesixtyone
     * from 10.96.0.66:33324 sends 41 requests to 10.96.0.10:161 (40 wrong communities, then the
     * right one), the size changing 36 times, and gets 1 answer; a client walks the agent's system
     * group from 10.96.0.20:47834 (38 requests, all answered) and then a dead agent 10.96.0.99 from
     * 10.96.0.20:42375 (31 requests of one size, none answered).
     */
    @Test
    void snmpCommunityGuessingOverOneSocketIsFlaggedAndAWalkAndAPollOfADeadAgentAreNot() throws java.io.IOException {
        DetectorRun r = run();
        r.read("snmp_guessing.pcap");
        assertThat(r.flagged()).containsOnlyKeys(key("10.96.0.66", 33324, "10.96.0.10", 161)).containsValue("guessing");
        assertThat(r.flows()).isEqualTo(3);
    }

    /**
     * mqtt_redis_guessing.pcap (fixtures/make-mqtt-redis-guessing.sh; tshark conv,tcp and tcp.len):
     * ncrack tries 25 passwords on the MQTT broker 10.95.0.10:1883 from 10.95.0.66, one connection
     * each (CONNECT of varied size, the same CONNACK); nmap's redis-brute opens 85 connections to
     * 10.95.0.10:6379, 74 of them with an AUTH of varied size answered by one same refusal, 11
     * without payload, the first its port probe before any try. The client 10.95.0.20, meanwhile:
     * 24 MQTT connections that each log in with one of two passwords and publish one reading of
     * varied length, and 27 to Redis: 24 redis-cli commands setting values of varied length (each
     * logs in with one password first) and 3 connections sending one SET 30 times ("+OK" each).
     */
    @Test
    void guessingOnMqttAndRedisIsFlaggedAndTheirClientsOneSecretEachAreNot() throws java.io.IOException {
        DetectorRun r = run();
        r.read("mqtt_redis_guessing.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(161);
        assertThat(flagged.keySet()).allMatch(k -> k.startsWith("10.95.0.66:"));
        assertThat(flagged.keySet().stream().filter(k -> k.endsWith(":1883")).count()).isEqualTo(25);
        assertThat(flagged.keySet().stream().filter(k -> k.endsWith(":6379")).count()).isEqualTo(84);
        assertThat(flagged.values()).containsOnly("guessing");
    }

    /**
     * dns_name_guessing.pcap (fixtures/make-dns-name-guessing.sh; tshark udp.srcport per source and
     * dns.flags.rcode): dnsrecon guesses 300 names under corp5.test at 10.94.0.53 from 10.94.0.66,
     * 601 queries over 596 source ports, 591 answered "no such name" (rcode 3); a client 10.94.0.20
     * looks up 520 names as a resolver with a search domain does, 1,040 queries over 1,010 ports,
     * half of them (520) answered "no such name".
     */
    @Test
    void guessingNamesAtADnsServerIsFlaggedAndAClientMissingHalfItsLookupsIsNot() throws java.io.IOException {
        DetectorRun r = run();
        r.read("dns_name_guessing.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(596 + 1010);
        assertThat(flagged).hasSize(596);
        assertThat(flagged.keySet()).allMatch(k -> k.startsWith("10.94.0.66:") && k.endsWith(">10.94.0.53:53"));
        assertThat(flagged.values()).containsOnly("guessing");
    }

    /** 20 requests, at most 2 answered, 10 size changes: the least that counts. */
    @Test
    void silentUdpGuessingNeedsItsRequestsFewAnswersAndChangingSizes() {
        assertThat(snmpTries(20, 2, 10).flagged()).containsOnlyKeys(key(ATTACKER_SNMP, 40000, AGENT, 161));
        assertThat(snmpTries(19, 0, 19).flagged()).isEmpty();
        assertThat(snmpTries(20, 3, 20).flagged()).isEmpty();
        assertThat(snmpTries(20, 0, 9).flagged()).isEmpty();
        DetectorRun otherPort = run();
        for (int i = 0; i < 40; i++) {
            otherPort.add(DetectorRun.udp(i * 50 * MS, ATTACKER_SNMP, 40000, AGENT, 162, 40 + i % 7));
        }
        assertThat(otherPort.flagged()).isEmpty();
    }

    /**
     * sip_enumeration.pcap (fixtures/make-sip-captures.sh; tshark, udp.length and sip fields, per
     * flow): kamailio on 127.0.0.1:5060. svwar from port 5064: 81 REGISTERs (extensions 100-179 and
     * its first check), size changing 56 times, each answered by a 200 of 383-439 bytes of payload
     * (79 of 80 within 16 bytes of the one before), in 0.6 s. svwar from port 5065: 404 requests (81
     * INVITEs to 200-279 and its check, 323 ACKs of the answers), size changing 326 times, 324
     * answers (404 Not Found, 346-393 bytes: 316 of 323 within 16 bytes of the one before), in
     * 4.1 s. A phone from port 5070: 60 REGISTERs each followed by an OPTIONS keep-alive (120
     * requests in 20.2 s, size changing 119 times), all answered by 200s of two kinds in turn
     * (334-337 and 376-379 bytes: none within 16 bytes of the one before).
     */
    @Test
    void sipExtensionEnumerationIsFlaggedAndAPhoneRegisteringIsNot() throws java.io.IOException {
        DetectorRun r = run();
        r.read("sip_enumeration.pcap");
        assertThat(r.flagged()).containsOnlyKeys(key("127.0.0.1", 5064, "127.0.0.1", 5060),
                key("127.0.0.1", 5065, "127.0.0.1", 5060)).containsValue("guessing");
        assertThat(r.flows()).isEqualTo(3);
    }

    /** 50 requests a second apart, all answered alike, the size changing every time: the least that counts. */
    @Test
    void udpEnumerationNeedsItsRequestsRateChangingSizesAndAlikeAnswers() {
        assertThat(sipTries(50, S, 50, 50, 0).flagged()).containsOnlyKeys(key(ATTACKER_SNMP, 5060, AGENT, 5060));
        assertThat(sipTries(49, 10 * MS, 49, 49, 0).flagged()).isEmpty(); // too few
        assertThat(sipTries(50, S + 30 * MS, 50, 50, 0).flagged()).isEmpty(); // under one a second
        assertThat(sipTries(50, S, 24, 50, 0).flagged()).isEmpty(); // under half answered
        assertThat(sipTries(50, S, 50, 24, 0).flagged()).isEmpty(); // one request repeated (a keep-alive)
        assertThat(sipTries(50, S, 50, 50, 5).flagged()).isEmpty(); // 5 larger answers: 39 of 49 alike, under 4 in 5
        assertThat(sipTries(50, S, 50, 50, 4).flagged()).hasSize(1); // 4 larger answers: 41 of 49 alike
    }

    /**
     * {@code requests} requests from port 5060 to port 5060, {@code gap} apart, the first
     * {@code answered} answered with 360 bytes (365 every other time: within 16 bytes), the size
     * changing {@code changes} times; {@code unlike} answers (every fifth) are 60 bytes larger, each
     * unlike the answers before and after it.
     */
    private static DetectorRun sipTries(int requests, long gap, int answered, int changes, int unlike) {
        DetectorRun r = run();
        int size = 400;
        for (int i = 0; i < requests; i++) {
            if (i > 0 && i <= changes) {
                size = size == 400 ? 401 : 400;
            }
            r.add(DetectorRun.udp(i * gap, ATTACKER_SNMP, 5060, AGENT, 5060, size));
            if (i < answered) {
                boolean odd = i > 0 && i % 5 == 0 && i / 5 <= unlike;
                r.add(DetectorRun.udp(i * gap + MS, AGENT, 5060, ATTACKER_SNMP, 5060, (i % 2 == 0 ? 360 : 365) + (odd ? 60 : 0)));
            }
        }
        return r;
    }

    private static final String ATTACKER_SNMP = "10.0.0.66";
    private static final String AGENT = "10.0.0.161";

    /** {@code requests} requests 50 ms apart, the first {@code answered} answered, the size changing {@code changes} times. */
    private static DetectorRun snmpTries(int requests, int answered, int changes) {
        DetectorRun r = run();
        int size = 40;
        for (int i = 0; i < requests; i++) {
            if (i > 0 && i <= changes) {
                size = size == 40 ? 41 : 40;
            }
            r.add(DetectorRun.udp(i * 50 * MS, ATTACKER_SNMP, 40000, AGENT, 161, size));
            if (i < answered) {
                r.add(DetectorRun.udp(i * 50 * MS + MS, AGENT, 161, ATTACKER_SNMP, 40000, 60));
            }
        }
        return r;
    }
}
