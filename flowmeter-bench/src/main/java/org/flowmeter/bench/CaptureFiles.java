package org.flowmeter.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a capture named relative to the repository root, whether JMH runs there or in a module folder. */
final class CaptureFiles {
    private CaptureFiles() {
    }

    /** {@code name} as given when it exists, else the first match in a parent folder of the working directory. */
    static Path resolve(String name) {
        Path given = Path.of(name);
        if (given.isAbsolute() || Files.exists(given)) {
            return given;
        }
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("capture not found: " + name
                + " (relative to " + Path.of("").toAbsolutePath() + " or a parent folder)");
    }
}
