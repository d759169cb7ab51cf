package io.mallard.bench;

/** The operation types of the IMAP mix, each timed on its own. */
enum Operation {
    LOGIN("login (connect + greeting + LOGIN)"),
    SELECT("select INBOX"),
    FETCH_HEADERS("fetch headers+envelope of 50"),
    FETCH_BODY("fetch one full body"),
    STORE("store flags"),
    SEARCH("search"),
    APPEND("append 4 KB"),
    LOGOUT("logout");

    final String label;

    Operation(String label) {
        this.label = label;
    }
}
