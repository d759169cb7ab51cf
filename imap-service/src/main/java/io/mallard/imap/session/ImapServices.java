package io.mallard.imap.session;

import io.mallard.model.journal.ChangeNotifier;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.MailStorage;
import io.mallard.model.ratelimit.ConnectionSlots;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.UserStore;

/** What command handlers reach of shared-model, in one value so a handler takes one argument. */
public record ImapServices(MailStorage storage, MessageAppender appender, MessageContent content,
        ChangeNotifier notifier, CredentialCheck credentials, UserStore users,
        ConnectionSlots connectionSlots, ImapSettings settings) {
}
