package org.flowmeter.training;

import java.io.PrintStream;
import java.util.function.Function;
import org.flowmeter.model.GridSearch;

/** Where training says what it does: one-line notes, and the grid search's progress. */
@FunctionalInterface
public interface TrainingLog {
    void note(String line);

    /** Runs the grid search, given a progress callback; a front end may show a bar around it. */
    default GridSearch.Outcome grid(Function<GridSearch.Progress, GridSearch.Outcome> search) {
        return search.apply((done, total) -> { });
    }

    /** Notes as lines of {@code out}, no progress shown. */
    static TrainingLog to(PrintStream out) {
        return out::println;
    }
}
