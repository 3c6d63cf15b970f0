package org.flowmeter.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSets;
import org.junit.jupiter.api.Test;

/** The naming schemes, and docs/formats.md's tables of them, which must say what the code does. */
class ColumnNamesTest {
    private static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/formats.md");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");
    private static final List<Column> ALL = new FlowColumns(FeatureSets.parse("all"), true).columns();

    @Test
    void theDocsTableOfTitlesIsTheCodesTable() throws IOException {
        Map<String, String> doc = new LinkedHashMap<>();
        for (String row : tableRows(section("## Column names"), 1)) {
            List<String> cells = cells(row);
            assertThat(cells).as(row).hasSize(2);
            doc.put(single(cells.get(1)), single(cells.get(0)));
        }
        assertThat(doc).hasSize(88);
        assertThat(new ArrayList<>(doc.entrySet())).isEqualTo(new ArrayList<>(ColumnNames.renamed().entrySet()));
    }

    /** "Only CIC's columns are titled differently": every other column has one title in every scheme. */
    @Test
    void columnsOutsideTheTableHaveTheSameTitleInEveryScheme() {
        for (Column c : ALL) {
            boolean renamed = ColumnNames.renamed().containsKey(c.name());
            for (NamingScheme scheme : NamingScheme.values()) {
                if (!renamed || scheme == NamingScheme.cic) {
                    assertThat(scheme.title(c.name())).as(scheme + " " + c.name()).isEqualTo(c.name());
                }
            }
        }
        assertThat(ColumnNames.renamed().keySet()).as("the table names CIC's columns only")
                .allMatch(n -> ALL.stream().anyMatch(c -> c.name().equals(n)) && n.matches(".*[ A-Z].*"));
    }

    @Test
    void everySchemeTitlesEveryColumnOnceAndReadersFindTheColumnBehindEachTitle() {
        for (NamingScheme scheme : NamingScheme.values()) {
            Set<String> titles = new HashSet<>();
            for (Column c : ALL) {
                String title = scheme.title(c.name());
                assertThat(titles.add(title)).as(scheme + " " + title).isTrue();
                assertThat(ColumnNames.internalName(title)).isEqualTo(c.name());
            }
        }
        assertThat(NamingScheme.flowmeter.titled(new FlowColumns(FeatureSets.parse("all"), true)).columns())
                .extracting(Column::name).allMatch(n -> n.matches("[a-zA-Z][a-zA-Z0-9]*"));
    }

    /** The mapping to other tools names flowmeter's columns by their default titles. */
    @Test
    void theMappingToOtherToolsNamesRealColumns() throws IOException {
        Set<String> titles = new HashSet<>();
        ALL.forEach(c -> titles.add(NamingScheme.flowmeter.title(c.name())));
        List<String> rows = tableRows(section("## Mapping to other tools"), 0);
        assertThat(rows).hasSizeGreaterThan(15);
        for (String row : rows) {
            Matcher m = NAME.matcher(cells(row).get(0));
            int found = 0;
            while (m.find()) {
                String name = m.group(1);
                // "`IATMean`, `IATStd`" and "`packetSizeMean`, `_stddev_ps`" style abbreviations are not used here
                assertThat(titles).as(row).contains(name);
                found++;
            }
            assertThat(found).as(row).isPositive();
        }
    }

    private static String section(String heading) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n" + heading);
        assertThat(start).as(heading).isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** The rows of the {@code index}-th table of a section (0 is the first), without its header. */
    private static List<String> tableRows(String section, int index) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : section.split("\n")) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(line);
            } else {
                current = null;
            }
        }
        List<String> table = tables.get(index);
        assertThat(table.get(1)).startsWith("| ---");
        return table.subList(2, table.size());
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String c : row.substring(1, row.length() - 1).split("\\|")) {
            cells.add(c.strip());
        }
        return cells;
    }

    private static String single(String cell) {
        Matcher m = NAME.matcher(cell);
        assertThat(m.matches()).as(cell).isTrue();
        return m.group(1);
    }
}
