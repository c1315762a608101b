package dev.weft.bench.harness;

import java.util.List;

/**
 * One table of the report as text cells, rendered the same way as Markdown and as HTML.
 *
 * @param title the heading above it
 * @param header column names; the first column is left-aligned, the others right-aligned
 * @param rows one list of cells per row
 * @param note a sentence under it, or empty
 */
record TableGrid(String title, List<String> header, List<List<String>> rows, String note) {

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("**").append(title).append("**\n\n");
        md.append("| ").append(String.join(" | ", header)).append(" |\n|---");
        md.append("|---:".repeat(header.size() - 1)).append("|\n");
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!note.isEmpty()) {
            md.append('\n').append(note).append('\n');
        }
        return md.toString();
    }

    String html() {
        StringBuilder h = new StringBuilder();
        h.append("<h3>").append(Html.escape(title)).append("</h3>\n<table>\n<thead><tr>");
        for (String c : header) {
            h.append("<th>").append(Html.escape(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                h.append(i == 0 ? "<th scope=\"row\">" : "<td>")
                        .append(Html.escape(row.get(i).replace("**", ""))).append(i == 0 ? "</th>" : "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (!note.isEmpty()) {
            h.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
        }
        return h.toString();
    }
}
