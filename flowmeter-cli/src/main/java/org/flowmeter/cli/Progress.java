package org.flowmeter.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.flowmeter.pcap.PacketSource;

/** A progress bar on stderr over bytes read of the inputs' total size. */
interface Progress extends AutoCloseable {
    Progress NONE = new Progress() {
        @Override
        public void update(PacketSource source) {
        }

        @Override
        public void close() {
        }
    };

    void update(PacketSource source);

    @Override
    void close();

    static Progress bytes(PacketSource source) {
        long total = source.totalBytes();
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("reading")
                .setInitialMax(total > 0 ? total / 1024 : -1)
                .setUnit(" MiB", 1024)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(System.err))
                .build();
        return new Progress() {
            @Override
            public void update(PacketSource s) {
                bar.stepTo(s.bytesRead() / 1024);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** A bar over one capture of many, for the loaders of train, evaluate and report. */
    static org.flowmeter.labels.LabelledFlowLoader.ReadProgress reading(PacketSource source) {
        Progress bar = bytes(source);
        return new org.flowmeter.labels.LabelledFlowLoader.ReadProgress() {
            @Override
            public void update(PacketSource s) {
                bar.update(s);
            }

            @Override
            public void done(PacketSource s) {
                bar.update(s);
                bar.close();
            }
        };
    }

    /** A bar only makes sense on a terminal. */
    static boolean wanted(Boolean forced) {
        if (forced != null) {
            return forced;
        }
        return System.console() != null && System.getenv("CI") == null;
    }
}
