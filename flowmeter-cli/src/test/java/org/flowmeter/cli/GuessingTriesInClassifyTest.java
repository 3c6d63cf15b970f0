package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guessing with several tries per connection, inside classify with a model that flags nothing.
 *
 * <p>hydra_ftp_tries.pcap: hydra (-t 3, 15 wrong passwords) against vsftpd, which closes a
 * connection after 3 failed logins. By tshark: 6 TCP connections to port 21 (-z conv,tcp), 15
 * PASS commands and 15 "530" replies; 3 connections carry 3 tries (answers of 20, 34, 22, 34, 22,
 * 34, 22 payload bytes: the greeting, then "331" and "530" in turn), 3 carry 2 (20, 34, 22, 34,
 * 22). Repeated answers: 4 and 2 a connection, so 3 x 5 + 3 x 3 = 24 tries counted, over the
 * default 20, in 6 sessions; by sessions alone (20 needed) it would not be caught.
 *
 * <p>ftp_mail_clients.pcap: one client logging in properly four times over FTP (lftp: list,
 * fetch a file), eight times over IMAP (curl: mailbox status, fetch a message) and four times
 * over POP3 (24 TCP connections by tshark -z conv,tcp, 8 of them FTP data connections).
 */
class GuessingTriesInClassifyTest {
    @TempDir
    Path dir;

    private List<String[]> classify(String capture, String... options) throws IOException {
        Path out = dir.resolve("v.csv");
        List<String> args = new ArrayList<>(List.of("classify", capture, "-o", out.toString(), "-q",
                "--model", TestModels.flagsNothing(dir).toString(), "--detectors", "guessing"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        List<String> names = List.of(lines.get(0).split(","));
        int decidedBy = names.indexOf("decidedBy");
        int dstPort = names.indexOf("dstPort");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            rows.add(new String[] {v[dstPort], v[decidedBy]});
        }
        return rows;
    }

    private static long byGuessing(List<String[]> rows) {
        return rows.stream().filter(r -> r[1].equals("guessing")).count();
    }

    @Test
    void aGuesserKeepingItsConnectionsForSeveralPasswordsIsCaught() throws IOException {
        List<String[]> rows = classify(fixture("hydra_ftp_tries.pcap"));
        assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r).containsExactly("21", "guessing"));
    }

    @Test
    void aTryThresholdAboveWhatTheGuesserReachedLetsItPass() throws IOException {
        assertThat(byGuessing(classify(fixture("hydra_ftp_tries.pcap"), "--guess-tries", "25"))).isZero();
        assertThat(byGuessing(classify(fixture("hydra_ftp_tries.pcap"), "--guess-tries", "24"))).isEqualTo(6);
    }

    @Test
    void loginsOfOrdinaryFtpImapAndPop3ClientsAreLeftAlone() throws IOException {
        List<String[]> rows = classify(fixture("ftp_mail_clients.pcap"));
        assertThat(rows).hasSize(24);
        assertThat(byGuessing(rows)).isZero();
        // Not even close: a third of the default threshold still leaves them alone.
        assertThat(byGuessing(classify(fixture("ftp_mail_clients.pcap"), "--guess-tries", "7"))).isZero();
    }

    /** Benign sessions of other captures: a person at an SSH shell, an scp copy, public IMAP, POP3, FTP and SSH samples. */
    @ParameterizedTest
    @ValueSource(strings = {
            "traffic-lab/ssh_interactive.pcap",
            "traffic-lab/scp_transfer.pcap",
            "public/benign/ntop+nDPI/tests/cfgs/default/pcap/imap.pcap",
            "public/benign/ntop+nDPI/tests/cfgs/default/pcap/pop3.pcap",
            "public/benign/ntop+nDPI/tests/cfgs/default/pcap/ftp.pcap",
            "public/benign/ntop+nDPI/tests/cfgs/default/pcap/ssh.pcap",
            "public/benign/markofu+pcaps/PracticalPacketAnalysis/ppa-capture-files/ftp.pcap"})
    void benignLoginSessionsAreLeftAlone(String name) throws IOException {
        List<String[]> rows = classify(SharedData.require(name).toString());
        assertThat(rows).isNotEmpty();
        assertThat(byGuessing(rows)).isZero();
    }
}
