package io.mallard.bench;

import java.util.List;

/**
 * One command's answer: the tagged status, the untagged lines (literal contents left out) and
 * how many literal bytes came with them.
 */
record ImapReply(String status, String tagged, List<String> untagged, long literalBytes) {

    boolean ok() {
        return "OK".equals(status);
    }

    /** The number of an untagged {@code * n NAME} line, e.g. EXISTS; -1 when absent. */
    long number(String name) {
        String suffix = " " + name;
        for (String line : untagged) {
            if (line.startsWith("* ") && line.endsWith(suffix)) {
                return Long.parseLong(line.substring(2, line.length() - suffix.length()));
            }
        }
        return -1;
    }

    /** How many untagged lines start with the prefix, e.g. FETCH responses. */
    int count(String contains) {
        int n = 0;
        for (String line : untagged) {
            if (line.contains(contains)) {
                n++;
            }
        }
        return n;
    }
}
