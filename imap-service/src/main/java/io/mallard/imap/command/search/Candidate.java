package io.mallard.imap.command.search;

import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;

/**
 * A message under test: the parsed form is decoded from the document only when a key asks; the
 * header block is there only when the search has header keys.
 */
final class Candidate {

    private final Message message;
    private final MessageContent content;
    private final HeaderFields headers;
    private ParsedMessage parsed;

    Candidate(Message message, MessageContent content, HeaderFields headers) {
        this.message = message;
        this.content = content;
        this.headers = headers;
    }

    Message message() {
        return message;
    }

    ParsedMessage parsed() {
        if (parsed == null) {
            parsed = content.parsed(message);
        }
        return parsed;
    }

    HeaderFields headers() {
        return headers;
    }
}
