package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output written under a temporary name in its own folder and renamed when complete, so a
 * reader never takes a half-written file for a whole one. The file an earlier run left at the
 * target is removed at the start: whatever happens to this run, no stale result survives.
 */
final class StagedFile {
    private final Path target;
    private final Path temporary;

    StagedFile(Path target) throws IOException {
        this.target = target;
        this.temporary = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(target);
        Files.deleteIfExists(temporary);
    }

    /** Where to write. */
    Path temporary() {
        return temporary;
    }

    /** Gives the written file its name. */
    void commit() throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
