package io.mallard.model.mailbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;

/** Recognises a unique-index violation, which Mallard uses as its claim and fencing primitive. */
public final class DuplicateKey {

    private DuplicateKey() {
    }

    public static boolean is(Throwable error) {
        return error instanceof MongoServerException e
                && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
