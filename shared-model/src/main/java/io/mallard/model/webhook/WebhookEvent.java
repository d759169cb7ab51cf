package io.mallard.model.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;

/**
 * Something that happened on the platform, as webhooks receive it.
 *
 * @param id the event's own id, the same on every delivery attempt and every instance that saw
 *     it, so that a receiver can drop repeats
 * @param type dotted, general to specific: {@code message.new}, {@code mailbox.renamed}
 * @param user the user it is about, or {@code null}
 * @param fields the event's details: strings, numbers, booleans and lists of them
 */
public record WebhookEvent(String id, String type, ObjectId user, Instant time, Map<String, Object> fields) {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    public WebhookEvent {
        fields = Map.copyOf(fields);
    }

    /**
     * The patterns a webhook can name to receive this event: {@code *}, each prefix with
     * {@code .*}, and the type itself ({@code *}, {@code mailbox.*}, {@code mailbox.created}).
     */
    public List<String> patterns() {
        List<String> patterns = new ArrayList<>(List.of("*"));
        for (int dot = type.indexOf('.'); dot > 0; dot = type.indexOf('.', dot + 1)) {
            patterns.add(type.substring(0, dot) + ".*");
        }
        patterns.add(type);
        return patterns;
    }

    /** WildDuck's body: {@code id}, {@code ev}, {@code time} (epoch ms), {@code user} and the fields. */
    public String json() {
        Document body = new Document("id", id).append("ev", type).append("time", time.toEpochMilli());
        if (user != null) {
            body.append("user", user.toHexString());
        }
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(field -> body.append(field.getKey(), field.getValue()));
        return body.toJson(JSON);
    }
}
