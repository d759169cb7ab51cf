package io.mallard.model.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which role may do what to which API resource, read from {@code mallard-roles.yml}: per role,
 * per resource, a list of grants {@code action:any} or {@code action:own}. {@code any} covers
 * every owner, {@code own} only the caller's own data. The defaults are WildDuck's
 * {@code config/roles.json}, without its attribute filters (see the YAML's header).
 *
 * <p>The one place api-service and the gateway decide a request: a role or resource that the
 * table does not name is denied.
 */
public final class RolePermissions {

    public static final String DEFAULT_RESOURCE = "mallard-roles.yml";

    /** role → resource → grants such as {@code read:own}. */
    private final Map<String, Map<String, Set<String>>> grants;

    private RolePermissions(Map<String, Map<String, Set<String>>> grants) {
        this.grants = grants;
    }

    /** The table shipped in shared-model. */
    public static RolePermissions defaults() {
        try (InputStream in = RolePermissions.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operator's own table, replacing the defaults as a whole so that nothing is granted by surprise. */
    public static RolePermissions load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RolePermissions load(InputStream yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> top) || !(top.get("roles") instanceof Map<?, ?> roles)) {
            throw new IllegalArgumentException("A roles file needs a top-level 'roles' map");
        }
        Map<String, Map<String, Set<String>>> table = new LinkedHashMap<>();
        roles.forEach((role, resources) -> table.put(String.valueOf(role), resources(role, resources)));
        return new RolePermissions(Map.copyOf(table));
    }

    /**
     * Whether {@code role} may perform {@code action} on {@code resource}.
     *
     * @param own the target belongs to the caller (a user token acting on its own user id)
     */
    public boolean check(String role, String resource, Action action, boolean own) {
        Set<String> granted = grants.getOrDefault(role, Map.of()).getOrDefault(resource, Set.of());
        return granted.contains(action.id() + ":any") || own && granted.contains(action.id() + ":own");
    }

    public boolean hasRole(String role) {
        return grants.containsKey(role);
    }

    public Set<String> roles() {
        return grants.keySet();
    }

    /** Every resource any role mentions. */
    public Set<String> resources() {
        return grants.values().stream().flatMap(resources -> resources.keySet().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, Set<String>> resources(Object role, Object resources) {
        if (!(resources instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Role " + role + " needs a map of resources");
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        map.forEach((resource, list) -> {
            if (!(list instanceof List<?> entries)) {
                throw new IllegalArgumentException("Role " + role + ", resource " + resource + " needs a list of grants");
            }
            result.put(String.valueOf(resource), entries.stream().map(String::valueOf).map(RolePermissions::validGrant)
                    .collect(Collectors.toUnmodifiableSet()));
        });
        return Map.copyOf(result);
    }

    /** Rejects typos at load time: a misspelt grant would otherwise deny silently. */
    private static String validGrant(String grant) {
        int colon = grant.indexOf(':');
        String possession = colon < 0 ? "" : grant.substring(colon + 1);
        if (colon < 0 || !possession.equals("any") && !possession.equals("own")) {
            throw new IllegalArgumentException("Grant must be action:any or action:own, not " + grant);
        }
        Action.of(grant.substring(0, colon));
        return grant;
    }
}
