package org.flowmeter.cli;

import java.io.PrintStream;
import java.util.function.Function;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.flowmeter.model.GridSearch;
import org.flowmeter.training.TrainingLog;

/** Training's notes as lines on stderr, and a progress bar over the grid when one is wanted. */
final class GridProgressLog implements TrainingLog {
    private final PrintStream err;
    private final Boolean progress;

    /** @param progress --progress/--no-progress, null: on a terminal */
    GridProgressLog(PrintStream err, Boolean progress) {
        this.err = err;
        this.progress = progress;
    }

    @Override
    public void note(String line) {
        err.println(line);
    }

    @Override
    public GridSearch.Outcome grid(Function<GridSearch.Progress, GridSearch.Outcome> search) {
        if (!Progress.wanted(progress)) {
            return TrainingLog.super.grid(search);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("grid").setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(err))
                .setInitialMax(1).build()) {
            return search.apply((done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
    }
}
