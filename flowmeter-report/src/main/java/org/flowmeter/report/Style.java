package org.flowmeter.report;

/** The report's inline style sheet: one readable column on a laptop screen. */
final class Style {
    private Style() {
    }

    static final String CSS = """
            body { font-family: system-ui, sans-serif; color: #222; max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
            h1 { margin-bottom: 0; } .sub { color: #666; margin-top: 4px; }
            nav { margin: 8px 0 16px; } nav a { color: #2e75b6; text-decoration: none; }
            section { border-top: 1px solid #ddd; padding-top: 8px; margin-top: 16px; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 12px; }
            .card { background: #f4f6f9; border-radius: 6px; padding: 10px 16px; min-width: 120px; }
            .card .v { font-size: 1.5em; font-weight: 600; } .card .l { color: #666; font-size: 0.9em; }
            .grid { display: flex; flex-wrap: wrap; gap: 8px; } img { max-width: 100%; }
            table { border-collapse: collapse; margin: 8px 0; font-size: 0.92em; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; } th { background: #f4f6f9; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .good { color: #2d7a2d; } .bad { color: #b3261e; }
            table.confusion td { font-size: 1.4em; min-width: 90px; text-align: center; }
            td.bar { width: 300px; } td.bar span { display: inline-block; height: 10px; }
            span.pos { background: #d64541; } span.neg { background: #2e75b6; }
            """;
}
