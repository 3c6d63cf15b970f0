package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;
import static org.flowmeter.cli.DetectorVerdicts.flagged;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * THC-IPv6 floods inside classify, with every detector on and a model that flags nothing. The
 * captures (fixtures/make-ipv6-captures.sh) were taken at the victim of a namespace link; counts by
 * tshark (ipv6.dst, icmpv6.type, ipv6.src, ipv6.fraghdr.offset):
 * <ul>
 * <li>ipv6_flood_router26.pcap (flood_router26): 692 router advertisements to ff02::1 from 692
 * sources; one MLD report (2 packets) and one router solicitation of the victim;</li>
 * <li>ipv6_flood_advertise6.pcap (flood_advertise6): 1500 neighbour advertisements to ff02::1 from
 * 1500 sources;</li>
 * <li>ipv6_flood_router26_frag.pcap (flood_router26 -F, RA guard evasion): 1859 fragments to
 * ff02::1 from 620 sources, three per source (the last source's third is cut off), whose first
 * fragments hold extension headers only: the router advertisement is in the later ones; one
 * router solicitation;</li>
 * <li>ipv6_flood_rs6.pcap (flood_rs6, from its middle): 2353 router solicitations from fe80::66 to
 * ff02::1 in 0.37 s, and 147 neighbour solicitations of the victim (fe80::10), each to the made-up
 * unicast address it resolves (fe80::200:XXff:feXX:XXXX);</li>
 * <li>ipv6_benign.pcap: 343 packets of ordinary IPv6 on the link (router advertisements every 10 s,
 * MLD reports, neighbour discovery, pings, web fetches, DNS).</li>
 * </ul>
 */
class Ipv6AttacksInClassifyTest {
    private static final String ROUTER_ADVERTISEMENT = Integer.toString(134 << 8);

    @TempDir
    Path dir;

    private List<Map<String, String>> classify(String capture, String... options) throws IOException {
        return DetectorVerdicts.classify(dir, capture, options);
    }

    @Test
    void aRouterAdvertisementFloodIsFlaggedAndTheVictimsOwnMessagesAreNot() throws IOException {
        List<Map<String, String>> rows = classify(fixture("ipv6_flood_router26.pcap"));
        assertThat(rows).hasSize(694);
        for (Map<String, String> row : rows) {
            boolean flood = row.get("dstIP").equals("ff02::1") && row.get("dstPort").equals(ROUTER_ADVERTISEMENT);
            assertThat(row.get("decidedBy")).as(row.toString()).isEqualTo(flood ? "link-flood" : "model");
        }
        assertThat(flagged(rows)).hasSize(692);
    }

    @Test
    void aNeighbourAdvertisementFloodIsFlaggedWhole() throws IOException {
        List<Map<String, String>> rows = classify(fixture("ipv6_flood_advertise6.pcap"));
        assertThat(rows).hasSize(1500);
        assertThat(flagged(rows)).hasSize(1500).allSatisfy(r -> assertThat(r).containsEntry("decidedBy", "link-flood"));
    }

    @Test
    void aFragmentedRouterAdvertisementFloodIsOneIcmpv6FlowPerSourceAndFlagged() throws IOException {
        List<Map<String, String>> rows = classify(fixture("ipv6_flood_router26_frag.pcap"));
        assertThat(rows).hasSize(621);
        List<Map<String, String>> flood = flagged(rows);
        assertThat(flood).hasSize(620).allSatisfy(r -> assertThat(r).containsEntry("dstIP", "ff02::1")
                .containsEntry("protocol", "ICMPv6").containsEntry("dstPort", "0").containsEntry("decidedBy", "link-flood"));
        assertThat(flood.stream().mapToInt(r -> Integer.parseInt(r.get("packets"))).sum()).isEqualTo(1859);
    }

    @Test
    void aRouterSolicitationFloodFromOneSourceIsAFlood() throws IOException {
        List<Map<String, String>> rows = classify(fixture("ipv6_flood_rs6.pcap"));
        assertThat(rows).hasSize(148);
        assertThat(flagged(rows)).singleElement().satisfies(r -> assertThat(r).containsEntry("decidedBy", "flood")
                .containsEntry("srcIP", "fe80::66").containsEntry("dstIP", "ff02::1").containsEntry("packets", "2353"));
    }

    /**
     * The flooded host's 147 neighbour solicitations go to the made-up addresses themselves
     * (unicast, one flow each, unanswered): what a router does for every address a scan or a flood
     * makes it resolve. Neighbour discovery is no probe, so the victim is not named a scanner.
     */
    @Test
    void theVictimsNeighbourSolicitationsAreNotAScan() throws IOException {
        List<Map<String, String>> rows = classify(fixture("ipv6_flood_rs6.pcap"));
        String solicitation = Integer.toString(135 << 8);
        List<Map<String, String>> victim = rows.stream().filter(r -> r.get("srcIP").equals("fe80::10")).toList();
        assertThat(victim).hasSize(147).allSatisfy(r -> assertThat(r).containsEntry("protocol", "ICMPv6")
                .containsEntry("dstPort", solicitation).containsEntry("packets", "1")
                .containsEntry("verdict", "benign").containsEntry("decidedBy", "model"));
        assertThat(victim.stream().map(r -> r.get("dstIP")).distinct()).hasSize(147)
                .allSatisfy(dst -> assertThat(dst).startsWith("fe80::200:"));
    }

    @Test
    void ordinaryIpv6OnTheLinkIsLeftAlone() throws IOException {
        List<Map<String, String>> rows = classify(fixture("ipv6_benign.pcap"));
        assertThat(rows).hasSize(48);
        assertThat(flagged(rows)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"ipv6_flood_router26.pcap, --link-flood-router-sources=692, 692",
        "ipv6_flood_router26.pcap, --link-flood-router-sources=693, 0",
        "ipv6_flood_advertise6.pcap, --link-flood-sources=1500, 1500",
        "ipv6_flood_advertise6.pcap, --link-flood-sources=1501, 0",
        "ipv6_flood_advertise6.pcap, --detectors=scan, 0"})
    void theThresholdsAreOptions(String capture, String option, int expected) throws IOException {
        assertThat(flagged(classify(fixture(capture), option))).hasSize(expected);
    }

    @Test
    void aThresholdOfOneSourceIsAUsageError() {
        CliRun run = CliRun.of("classify", fixture("ipv6_benign.pcap"), "--link-flood-sources", "1", "-o",
                dir.resolve("v.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--link-flood-sources");
    }
}
