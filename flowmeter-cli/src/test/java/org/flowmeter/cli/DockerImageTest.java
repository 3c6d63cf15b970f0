package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flowmeter.testsupport.NoSkipInCi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds deploy/Dockerfile and runs the image, when a Docker daemon answers; skipped with the
 * reason otherwise (also in CI, which is not expected to have a container engine). The build
 * pulls the base images (maven, debian) and Maven's dependencies unless the daemon has them already.
 */
@Tag("e2e")
class DockerImageTest {
    private static final String IMAGE = "flowmeter-test:" + UUID.randomUUID().toString().substring(0, 8);
    private static boolean checked;
    private static String unavailable;
    private static boolean built;

    @TempDir
    Path dir;

    /** Per test, so that each is reported skipped with the reason; the image is built once. */
    @BeforeEach
    void buildOnce() throws IOException, InterruptedException {
        if (!checked) {
            checked = true;
            if (!onPath("docker")) {
                unavailable = NoSkipInCi.OPTIONAL + "docker is not installed";
            } else {
                Result info = docker(60, "info", "--format", "{{.ServerVersion}}");
                unavailable = info.code == 0 ? null : NoSkipInCi.OPTIONAL + "no Docker daemon: " + info.firstLine();
            }
            if (unavailable == null) {
                Result build = docker(3600, "build", "-f", CliRun.REPO.resolve("deploy/Dockerfile").toString(),
                        "-t", IMAGE, CliRun.REPO.toString());
                assertThat(build.code).as(build.output).isZero();
                built = true;
            }
        }
        Assumptions.assumeTrue(unavailable == null, unavailable);
        Assumptions.assumeTrue(built, "the image did not build (see the first test's failure)");
    }

    @AfterAll
    static void remove() throws IOException, InterruptedException {
        if (built) {
            docker(120, "rmi", "-f", IMAGE);
        }
    }

    @Test
    void runsAsAnUnprivilegedUser() throws IOException, InterruptedException {
        Result id = docker(120, "run", "--rm", "--entrypoint", "id", IMAGE, "-u");
        assertThat(id.code).as(id.output).isZero();
        assertThat(id.output.trim()).isNotEqualTo("0");
    }

    @Test
    void classifiesACaptureAsTheJarDoesHere() throws IOException, InterruptedException {
        Path local = dir.resolve("local.csv");
        CliRun here = CliRun.of("classify", fixture("bench_small.pcap"), "-o", local.toString(), "-q");
        assertThat(here.exitCode()).as(here.err()).isZero();
        Result inImage = docker(300, "run", "--rm", "-v", CliRun.FIXTURES + ":/data:ro", IMAGE,
                "classify", "/data/bench_small.pcap", "-o", "-", "-q");
        assertThat(inImage.code).as(inImage.output).isZero();
        assertThat(inImage.stdout).isEqualTo(Files.readString(local));
    }

    @Test
    void opensInterfacesWithTheCaptureCapabilities() throws IOException, InterruptedException {
        Result r = docker(120, "run", "--rm", "--cap-add", "NET_RAW", "--cap-add", "NET_ADMIN", IMAGE, "interfaces");
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.stdout).contains("lo");
    }

    private record Result(int code, String stdout, String output) {
        String firstLine() {
            String text = output.strip();
            return text.isEmpty() ? "exit " + code : text.lines().findFirst().orElse("");
        }
    }

    private static Result docker(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("docker", ".out");
        Path err = Files.createTempFile("docker", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "docker " + args[0] + " did not finish in " + timeoutSeconds + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(p.exitValue(), stdout, stdout + Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
