package org.flowmeter.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.flow.FlowSample;
import org.flowmeter.labels.HostLabels;
import org.flowmeter.labels.LabelledFlowLoader;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.LabelText;

/**
 * Labelled flows of many captures, read in parallel (one task per file) by the engine's
 * {@link LabelledFlowLoader}, then collected to the driver in the order {@code flowmeter train}
 * reads them: the benign inputs, the malicious ones, then those labelled by host; each file in
 * path order. So the same files and options give the same rows as the command line.
 */
final class LabelledCaptures {
    /** One file to read: its path, its label (null: by host). */
    record Task(String file, Boolean label) implements Serializable {
    }

    /** What a task needs besides its file. */
    record Settings(FlowSettings flow, String[] features, HostLabels hosts) implements Serializable {
    }

    /** One file to read thinned: keeping part {@code part} of one flow in {@code oneIn}. */
    record ThinnedTask(Task task, int oneIn, int part) implements Serializable {
    }

    /** One file's flows and the warnings its reading gave. */
    record Part(LabelledFlows flows, List<String> warnings) implements Serializable {
    }

    private LabelledCaptures() {
    }

    /** The files of the paths or globs of each source, with their labels, in reading order. */
    static List<Task> tasks(List<String> benign, List<String> malicious, List<String> byHost, Configuration conf)
            throws IOException {
        List<Task> tasks = new ArrayList<>();
        addTasks(benign, false, conf, tasks);
        addTasks(malicious, true, conf, tasks);
        addTasks(byHost, null, conf, tasks);
        return tasks;
    }

    private static void addTasks(List<String> paths, Boolean label, Configuration conf, List<Task> out) throws IOException {
        for (String path : paths) {
            for (String file : InputFiles.list(path, conf)) {
                out.add(new Task(file, label));
            }
        }
    }

    /** Reads every file in a task of its own; prints the warnings and one line per input on {@code err}. */
    static LabelledFlows load(SparkSession spark, List<Task> tasks, Settings settings, PrintStream err) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Part> parts = jsc.parallelize(tasks, Math.max(1, tasks.size())).map(task -> read(task, settings)).collect();
        LabelledFlows flows = new LabelledFlows(settings.features());
        for (Part part : parts) {
            part.warnings().forEach(err::println);
            flows.addAll(part.flows());
        }
        for (Map.Entry<String, int[]> e : flows.perInput().entrySet()) {
            err.printf("%s: %d benign, %d malicious flows%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        if (flows.dropped() > 0) {
            err.printf("%d flows dropped for missing or non-finite features%n", flows.dropped());
        }
        return flows;
    }

    /**
     * The captures read {@code copies} more times, each keeping another part of {@code oneIn} of
     * their flows, collected in the command line's order (copy by copy, each in the order of
     * {@link #load}); one task per file and copy. Warnings are printed on {@code err}.
     */
    static LabelledFlows loadThinned(SparkSession spark, List<Task> tasks, Settings settings, int copies, int oneIn,
                                     PrintStream err) {
        List<ThinnedTask> thinned = new ArrayList<>();
        for (int part = 0; part < copies; part++) {
            for (Task task : tasks) {
                thinned.add(new ThinnedTask(task, oneIn, part));
            }
        }
        LabelledFlows flows = new LabelledFlows(settings.features());
        if (thinned.isEmpty()) {
            return flows;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Part> parts = jsc.parallelize(thinned, thinned.size())
                .map(t -> read(t.task(), settings, new FlowSample(t.oneIn(), t.part()))).collect();
        for (Part part : parts) {
            part.warnings().forEach(err::println);
            flows.addAll(part.flows());
        }
        return flows;
    }

    /** The labelled flows of one file, as the command line reads them. */
    static Part read(Task task, Settings settings) throws IOException {
        return read(task, settings, null);
    }

    /** The labelled flows of one file of {@code sample} (null: all), as the command line reads them. */
    static Part read(Task task, Settings settings, FlowSample sample) throws IOException {
        FlowSettings flow = settings.flow();
        List<String> warnings = new ArrayList<>();
        LabelledFlowLoader loader = new LabelledFlowLoader(flow.featureSets(), settings.features(), flow.config(),
                settings.hosts(), null, LabelText.DEFAULT_BENIGN, warnings::add);
        loader.ignoreVlan(flow.ignoreVlan());
        LabelledFlows flows = new LabelledFlows(settings.features());
        loader.loadSample(name(task.file()), () -> InputFiles.open(task.file()), task.label(), sample, flows);
        return new Part(flows, warnings);
    }

    /** A local file is named by its path, as the command line names it; others by their URI. */
    static String name(String file) {
        URI uri = URI.create(file);
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : file;
    }
}
