package org.flowmeter.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The labelled captures in the folder {@code shared/data} next to the checkout. Tests run in a module's
 * folder, so the checkout's parent is one or two levels up. Absent on a developer's clone (the
 * test skips), always present in CI (where {@link NoSkipInCi} makes a skip a failure).
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data folder, or null when there is none. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data");
            if (Files.isDirectory(candidate) && Files.isRegularFile(dir.resolve("shared/data/traffic-lab/manifest.csv"))) {
                return candidate;
            }
        }
        return null;
    }

    /** A file or folder under the shared data; the test is skipped (failed in CI) when it is missing. */
    public static Path require(String relative) {
        Path root = root();
        Assumptions.assumeTrue(root != null && Files.exists(root.resolve(relative)),
                "shared data not present: " + relative);
        return root.resolve(relative);
    }
}
