package org.flowmeter.report;

/** The report's inline style sheet: one readable column on a laptop screen. */
final class Style {
    private Style() {
    }

    static final String CSS = """
            body { font-family: system-ui, sans-serif; color: #222; max-width: 1400px; margin: 0 auto; padding: 16px 24px; }
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
            svg.chart { background: #fff; margin: 2px; max-width: 100%; height: auto; }
            svg.chart text { font-family: system-ui, sans-serif; fill: #333; }
            svg.chart .title { font-size: 12px; font-weight: 600; } svg.chart .tick { font-size: 11px; }
            svg.chart .axis-title { font-size: 11px; fill: #666; }
            svg.chart line.axis { stroke: #888; } svg.chart line.grid { stroke: #ececec; }
            svg.chart .benign { fill: rgba(46, 117, 182, 0.45); stroke: #2e75b6; stroke-width: 1; }
            svg.chart .malicious { fill: rgba(214, 69, 65, 0.45); stroke: #b3261e; stroke-width: 1; }
            """;

    /** Additions for the triage report: its tables, the filter and the time line's bars. */
    static final String TRIAGE_CSS = """
            svg.chart rect.flagged { fill: #d64541; } svg.chart rect.passed { fill: #9dbbd9; }
            .side { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
            .side table { margin-top: 0; }
            a[data-filter] { color: #2e75b6; text-decoration: none; font-family: ui-monospace, monospace; }
            .scroll { max-height: 720px; overflow: auto; border: 1px solid #ddd; }
            #flow-table { margin: 0; width: 100%; font-size: 0.8em; }
            #flow-table th, #flow-table td { padding: 2px 5px; }
            #flow-table th { position: sticky; top: 0; cursor: pointer; user-select: none; white-space: nowrap; }
            #flow-table th[aria-sort=ascending]::after { content: " ▲"; }
            #flow-table th[aria-sort=descending]::after { content: " ▼"; }
            #flow-table td { white-space: nowrap; }
            #flow-table tr.flagged td:nth-child(12) { color: #b3261e; font-weight: 600; }
            #flow-filter { font-size: 1em; padding: 4px 8px; width: 320px; }
            #flow-count { color: #666; margin-left: 8px; }
            code { background: #f4f6f9; padding: 0 3px; border-radius: 3px; }
            """;
}
