package io.mallard.model.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role × resource × action × (own, any) against a table generated from WildDuck's
 * {@code config/roles.json} (not from our YAML), plus Mallard's few additions: columns create,
 * read, update, delete; A = any owner, O = own only, - = denied. Anything the table does not list
 * must be denied.
 */
class RolePermissionsTest {

    private static final String WILDDUCK_TABLE = """
            root         addresslisting  -A--
            root         addresses       AAAA
            root         authentication  AA--
            root         userlisting     -A--
            root         users           AAAA
            root         asps            AA-A
            root         messages        AAAA
            root         attachments     AAAA
            root         storage         AAAA
            root         mailboxes       AAAA
            root         autoreplies     AAAA
            root         filters         AAAA
            root         certs           AAAA
            root         dkim            AAAA
            root         domainaccess    AAAA
            root         domainaliases   AAAA
            root         webhooks        AAAA
            root         settings        AAAA
            manager      addresslisting  -A--
            manager      addresses       AAAA
            manager      authentication  AA--
            manager      userlisting     -A--
            manager      users           AAAA
            manager      asps            AA-A
            manager      autoreplies     AAAA
            manager      filters         AAAA
            manager      certs           AAAA
            manager      dkim            AAAA
            manager      domainaccess    AAAA
            manager      domainaliases   AAAA
            manager      webhooks        AAAA
            webmail      addresses       AAAA
            webmail      authentication  AA--
            webmail      users           -AA-
            webmail      asps            AA-A
            webmail      messages        AAAA
            webmail      attachments     AAAA
            webmail      storage         AAAA
            webmail      mailboxes       AAAA
            webmail      autoreplies     AAAA
            webmail      filters         AAAA
            webmail      domainaccess    AAAA
            webmail      webhooks        AAAA
            user         addresslisting  -O--
            user         addresses       OOOO
            user         authentication  OO--
            user         userlisting     -O--
            user         users           -OO-
            user         asps            OO-O
            user         messages        OOOO
            user         attachments     OOOO
            user         storage         OOOO
            user         mailboxes       OOOO
            user         autoreplies     OOOO
            user         filters         OOOO
            user         webhooks        -O--
            auth         authentication  A---
            attachments  attachments     -A--
            tokenAuth    authentication  A---
            audit        users           -A--
            audit        audit           AAAA
            auditclient  audit           -A--
            export       export          A---
            export       import          A---
            settings     settings        AAAA
            downloader   messages        -A--
            """;

    /** Where Mallard's table goes beyond WildDuck's: root reads the audit of administrative writes. */
    private static final String MALLARD_ADDITIONS = """
            root         audit           -A--
            """;

    private static final String TABLE = WILDDUCK_TABLE + MALLARD_ADDITIONS;

    private static final RolePermissions PERMISSIONS = RolePermissions.defaults();

    static Stream<Arguments> everyRoleResourceActionAndOwnership() {
        Map<String, String> expected = new HashMap<>();
        Set<String> roles = new TreeSet<>();
        Set<String> resources = new TreeSet<>(List.of("no-such-resource"));
        TABLE.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] columns = line.split("\\s+");
            expected.put(columns[0] + " " + columns[1], columns[2]);
            roles.add(columns[0]);
            resources.add(columns[1]);
        });
        roles.add("no-such-role");
        List<Arguments> cases = new ArrayList<>();
        for (String role : roles) {
            for (String resource : resources) {
                String grants = expected.getOrDefault(role + " " + resource, "----");
                for (Action action : Action.values()) {
                    char grant = grants.charAt(action.ordinal());
                    cases.add(Arguments.of(role, resource, action, true, grant != '-'));
                    cases.add(Arguments.of(role, resource, action, false, grant == 'A'));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2} {1} own={3}: {4}")
    @MethodSource("everyRoleResourceActionAndOwnership")
    void allowsExactlyWhatTheTableSays(String role, String resource, Action action, boolean own, boolean allowed) {
        assertThat(PERMISSIONS.check(role, resource, action, own)).isEqualTo(allowed);
    }

    @Test
    void tableAndYamlNameTheSameRolesAndResources() {
        Set<String> roles = new TreeSet<>();
        Set<String> resources = new TreeSet<>();
        TABLE.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            roles.add(line.split("\\s+")[0]);
            resources.add(line.split("\\s+")[1]);
        });
        assertThat(PERMISSIONS.roles()).containsExactlyInAnyOrderElementsOf(roles);
        assertThat(PERMISSIONS.resources()).containsExactlyInAnyOrderElementsOf(resources);
    }

    @Test
    void userTokenMayTouchItsOwnUserOnly() {
        ObjectId me = new ObjectId();
        AccessGrant grant = new AccessGrant("hash", me, "me", "user", "master", Instant.now(), Instant.now(), 0);
        assertThat(grant.may(PERMISSIONS, "messages", Action.READ, me)).isTrue();
        assertThat(grant.may(PERMISSIONS, "messages", Action.READ, new ObjectId())).isFalse();
        assertThat(grant.may(PERMISSIONS, "messages", Action.READ, null)).isFalse();
        assertThat(AccessGrant.root().may(PERMISSIONS, "settings", Action.DELETE, null)).isTrue();
    }

    @Test
    void anOperatorsFileReplacesTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roles.yml");
        Files.writeString(file, "roles:\n  reader:\n    messages: [read:any]\n");
        RolePermissions custom = RolePermissions.load(file);
        assertThat(custom.roles()).containsExactly("reader");
        assertThat(custom.check("reader", "messages", Action.READ, false)).isTrue();
        assertThat(custom.check("reader", "messages", Action.DELETE, true)).isFalse();
        assertThat(custom.check("root", "messages", Action.READ, false)).isFalse();
    }

    @Test
    void misspeltGrantsAreRejectedAtLoad() {
        assertThatThrownBy(() -> load("roles:\n  r:\n    messages: [read:all]\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> load("roles:\n  r:\n    messages: [browse:any]\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> load("roles:\n  r:\n    messages: read:any\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> load("users: {}\n")).isInstanceOf(IllegalArgumentException.class);
    }

    private static RolePermissions load(String yaml) {
        return RolePermissions.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
