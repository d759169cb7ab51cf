package io.mallard.model.mail;

import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import reactor.core.publisher.Mono;

/**
 * Creates a user ready to receive mail: the account, then its default mailboxes (INBOX, Drafts,
 * Sent Mail, Trash, Junk, Archive with their RFC 6154 special-use flags). Creating the defaults is
 * idempotent, so a user whose creation was cut off between the two steps is completed by calling
 * {@link #ensureMailboxes} (as a login does) rather than left without an INBOX.
 */
public final class UserProvisioning {

    private final UserStore users;
    private final MailboxStore mailboxes;

    public UserProvisioning(UserStore users, MailboxStore mailboxes) {
        this.users = users;
        this.mailboxes = mailboxes;
    }

    public Mono<User> create(NewUser user) {
        return users.create(user).flatMap(created -> ensureMailboxes(created).thenReturn(created));
    }

    public Mono<Void> ensureMailboxes(User user) {
        return mailboxes.createDefaults(user.id()).then();
    }
}
