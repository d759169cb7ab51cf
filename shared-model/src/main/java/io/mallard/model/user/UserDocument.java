package io.mallard.model.user;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Maps users to and from {@code users} documents. Field names follow WildDuck where it has one
 * ({@code username}, {@code name}, {@code password}, {@code quota}, {@code storageUsed},
 * {@code imapMaxConnections}, {@code pop3MaxConnections}, {@code recipients}, {@code forwards},
 * {@code spamLevel}, {@code tags}/{@code tagsview}, {@code disabledScopes}, {@code disabled},
 * {@code requirePasswordChange}).
 */
final class UserDocument {

    static final String USERNAME = "username";
    static final String NAME = "name";
    static final String PASSWORD = "password";
    static final String QUOTA = "quota";
    static final String STORAGE_USED = "storageUsed";
    static final String IMAP_CONNECTIONS = "imapMaxConnections";
    static final String POP3_CONNECTIONS = "pop3MaxConnections";
    static final String RECIPIENTS = "recipients";
    static final String FORWARDS = "forwards";
    static final String SPAM_LEVEL = "spamLevel";
    static final String TAGS = "tags";
    /** Lowercased tags for case-insensitive tag queries. */
    static final String TAGS_VIEW = "tagsview";
    static final String DISABLED_SCOPES = "disabledScopes";
    static final String DISABLED = "disabled";
    static final String TWO_FACTOR = "twofactor";
    /** The TOTP seed of an enabled second factor, sealed by {@code SeedCipher}. */
    static final String TOTP_SECRET = "totpSecret";
    /** A seed set up but not yet confirmed with a code. */
    static final String TOTP_PENDING = "totpPendingSecret";
    /** WildDuck's flag: the password was set by someone else and the user should replace it. */
    static final String REQUIRE_PASSWORD_CHANGE = "requirePasswordChange";
    static final String CREATED = "created";

    private UserDocument() {
    }

    static Document toDocument(ObjectId id, String username, String name, String passwordHash, UserSettings settings,
            Instant created) {
        Document document = new Document("_id", id)
                .append(USERNAME, username)
                .append(NAME, name)
                .append(QUOTA, settings.quota())
                // Only initialized here; the mailstore owns it from now on ($inc on every store/expunge).
                .append(STORAGE_USED, 0L)
                .append(SPAM_LEVEL, settings.spamLevel())
                .append(TAGS, settings.tags())
                .append(TAGS_VIEW, tagsView(settings.tags()))
                .append(DISABLED_SCOPES, scopeIds(settings.disabledScopes()))
                .append(DISABLED, settings.disabled())
                .append(TWO_FACTOR, false)
                .append(CREATED, Date.from(created));
        appendLimits(document, settings.limits());
        if (passwordHash != null) {
            document.append(PASSWORD, passwordHash);
        }
        return document;
    }

    static void appendLimits(Document document, UserLimits limits) {
        document.append(IMAP_CONNECTIONS, limits.imapConnections())
                .append(POP3_CONNECTIONS, limits.pop3Connections())
                .append(RECIPIENTS, limits.recipientsPerDay())
                .append(FORWARDS, limits.forwardsPerDay());
    }

    static List<String> tagsView(List<String> tags) {
        return tags.stream().map(tag -> tag.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    static List<String> scopeIds(Set<Scope> scopes) {
        return scopes.stream().map(Scope::id).sorted().toList();
    }

    static User fromDocument(Document document) {
        UserLimits limits = new UserLimits(document.getInteger(IMAP_CONNECTIONS, 0), document.getInteger(POP3_CONNECTIONS, 0),
                document.getInteger(RECIPIENTS, 0), document.getInteger(FORWARDS, 0));
        return new User(document.getObjectId("_id"), document.getString(USERNAME), document.getString(NAME),
                longValue(document, QUOTA), longValue(document, STORAGE_USED), limits,
                document.getInteger(SPAM_LEVEL, 50), document.getList(TAGS, String.class, List.of()),
                scopes(document), document.getBoolean(DISABLED, false), document.getBoolean(TWO_FACTOR, false),
                document.getBoolean(REQUIRE_PASSWORD_CHANGE, false), document.getDate(CREATED).toInstant());
    }

    static StoredCredentials credentialsFrom(Document document) {
        return new StoredCredentials(document.getObjectId("_id"), document.getString(USERNAME),
                document.getString(PASSWORD), document.getBoolean(DISABLED, false), scopes(document),
                document.getBoolean(TWO_FACTOR, false), document.getBoolean(REQUIRE_PASSWORD_CHANGE, false));
    }

    static StoredTotp totpFrom(Document document) {
        return new StoredTotp(document.getBoolean(TWO_FACTOR, false), document.getString(TOTP_SECRET),
                document.getString(TOTP_PENDING));
    }

    private static Set<Scope> scopes(Document document) {
        return document.getList(DISABLED_SCOPES, String.class, List.of()).stream().map(Scope::of).collect(Collectors.toSet());
    }

    // $inc by the mailstore can turn an int-sized long into an int32 on some drivers; read any number.
    private static long longValue(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
