package org.flowmeter.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;

/**
 * Finds capture files on the driver and opens one in a task. Paths go through Hadoop's file
 * systems, so local paths, HDFS and object stores work alike; local files are memory-mapped.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** Files matching a path, a glob or a folder (its files, recursively), sorted by path. */
    static List<String> list(String pathOrGlob, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(pathOrGlob);
        FileSystem fs = pattern.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(pattern);
        List<String> files = new ArrayList<>();
        if (matches != null) {
            for (FileStatus match : matches) {
                collect(fs, match, files);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no input file matches " + pathOrGlob);
        }
        files.sort(null);
        return files;
    }

    private static void collect(FileSystem fs, FileStatus status, List<String> out) throws IOException {
        if (status.isFile()) {
            if (!status.getPath().getName().startsWith(".")) {
                out.add(status.getPath().toString());
            }
            return;
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            collect(fs, child, out);
        }
    }

    /** Opens one capture file (pcap, pcapng, gzip) in a task. */
    static PacketSource open(String file) throws IOException {
        URI uri = URI.create(file);
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return Captures.open(uri.getScheme() == null ? Path.of(file) : Path.of(uri));
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        InputStream in = path.getFileSystem(new Configuration()).open(path);
        return Captures.open(in, file);
    }
}
