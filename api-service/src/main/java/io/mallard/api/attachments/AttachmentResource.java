package io.mallard.api.attachments;

import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.messages.MessageViews;
import io.mallard.api.messages.OwnedMessages;
import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.model.access.Action;
import io.mallard.model.ingest.AttachmentInfo;
import io.mallard.model.ingest.MimePart;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.ingest.TransferDecoding;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * WildDuck's attachment download: the part's body with its transfer encoding undone, streamed
 * from the stored bytes (GridFS chunks for large bodies) through the decoder, so a large
 * attachment never sits whole in memory.
 */
@RestController
@Tag(name = "Messages")
class AttachmentResource {

    /** Decoded bytes handed to the connection at a time. */
    private static final int CHUNK = 64 * 1024;
    /** Encoded chunks read ahead of the decoder. */
    private static final int PREFETCH = 4;

    private final Access access;
    private final OwnedMessages messages;
    private final MessageContent content;

    AttachmentResource(Access access, OwnedMessages messages, MessageContent content) {
        this.access = access;
        this.messages = messages;
        this.content = content;
    }

    @GetMapping("/users/{user}/mailboxes/{mailbox}/messages/{message}/attachments/{attachment}")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    Mono<ResponseEntity<Flux<DataBuffer>>> download(@PathVariable String user, @PathVariable String mailbox,
            @PathVariable @Min(1) long message,
            @PathVariable @Pattern(regexp = "ATT[0-9.]{1,64}", message = "must be an attachment id like ATT2") String attachment) {
        return access.user(user, "attachments", Action.READ)
                .flatMap(owner -> messages.require(owner, mailbox, message))
                .map(stored -> {
                    ParsedMessage parsed = content.parsed(stored);
                    AttachmentInfo info = parsed.attachments().stream()
                            .filter(candidate -> MessageViews.attachmentId(candidate).equals(attachment))
                            .findFirst()
                            .orElseThrow(AttachmentResource::notFound);
                    MimePart part = parsed.mimeTree().find(info.partId());
                    if (part == null) {
                        throw notFound();
                    }
                    return ResponseEntity.ok()
                            .contentType(mediaType(info.contentType()))
                            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                    .filename(info.filename() == null ? attachment : info.filename(), StandardCharsets.UTF_8)
                                    .build().toString())
                            .body(decoded(stored, part, info.transferEncoding()));
                });
    }

    /**
     * The body decoded on a worker thread: the decoder reads the encoded chunks as a blocking
     * stream, which must not happen on an event loop.
     */
    private Flux<DataBuffer> decoded(Message stored, MimePart part, String transferEncoding) {
        Flux<DataBuffer> encoded = content.raw(stored, part.bodyStart(), part.end() - part.bodyStart())
                .map(DefaultDataBufferFactory.sharedInstance::wrap);
        return DataBufferUtils.readInputStream(() -> TransferDecoding.decoding(
                                DataBufferUtils.subscriberInputStream(encoded, PREFETCH), transferEncoding),
                        DefaultDataBufferFactory.sharedInstance, CHUNK)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static ApiException notFound() {
        return ApiException.notFound("AttachmentNotFound", "This attachment does not exist");
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException unparseable) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
