package io.mallard.api.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.api.web.ApiProperties;
import io.mallard.web.BoundedBody;
import io.mallard.api.web.IdPage;
import io.mallard.api.web.KnownUsers;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.storage.StoredFile;
import io.mallard.model.storage.UserFileStore;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /users/{user}/storage}: files kept for later (draft attachments), in GridFS and
 * in the user's quota. A file comes as the raw request body (streamed, up to
 * {@link ApiProperties#maxFile()}) or, for small ones, as JSON with base64 content.
 */
@RestController
@Tag(name = "Storage")
class StorageResource {

    private static final String STORAGE = "storage";
    private static final String BASE = "/users/{user}/storage";
    private static final String MEDIA_TYPE = "[\\w.+-]+/[\\w.+-]+";

    private final Access access;
    private final KnownUsers users;
    private final UserFileStore files;
    private final long maxFile;

    StorageResource(Access access, KnownUsers users, UserFileStore files, ApiProperties properties) {
        this.access = access;
        this.users = users;
        this.files = files;
        this.maxFile = properties.maxFile().toBytes();
    }

    /**
     * @param encoding {@code base64}, or absent for content taken as UTF-8 text
     * @param cid a Content-ID for using the file inline
     */
    record Upload(@Size(max = 255) String filename,
            @Size(max = 255) @Pattern(regexp = MEDIA_TYPE, message = "must be type/subtype")
            String contentType,
            @Pattern(regexp = "base64", message = "must be base64") String encoding,
            @NotEmpty String content, @Size(max = 255) String cid) {
    }

    record Uploaded(boolean success, String id) {
    }

    record Listed(String id, String filename, String contentType, String cid, long size, Instant created) {

        static Listed of(StoredFile file) {
            return new Listed(file.id().toHexString(), file.filename(), file.contentType(), file.cid(), file.size(),
                    file.created());
        }
    }

    record Listing(boolean success, String query, Object nextCursor, Object previousCursor,
            List<Listed> results) {
    }

    /** The file as the request body; its type is the request's Content-Type unless {@code contentType} says otherwise. */
    @PostMapping(value = BASE, consumes = MediaType.ALL_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = Upload.class))})
    Mono<Uploaded> upload(ServerHttpRequest http, @PathVariable String user,
            @RequestParam(required = false) @Size(max = 255) String filename,
            @RequestParam(required = false) @Size(max = 255)
            @Pattern(regexp = MEDIA_TYPE, message = "must be type/subtype") String contentType,
            @RequestParam(required = false) @Size(max = 255) String cid) {
        MediaType sent = http.getHeaders().getContentType();
        String type = contentType != null ? contentType
                : sent != null && !sent.equals(MediaType.APPLICATION_OCTET_STREAM) ? sent.toString() : null;
        return store(user, filename, type, cid, BoundedBody.stream(http, maxFile, "The file"));
    }

    /** WildDuck's JSON upload: {@code content} as text, or base64 with {@code encoding: base64}. */
    @PostMapping(value = BASE, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Uploaded> uploadJson(@PathVariable String user, @Valid @RequestBody Upload request) {
        return store(user, request.filename(), request.contentType(), request.cid(),
                Mono.fromCallable(() -> ByteBuffer.wrap(bytes(request))).flux());
    }

    /** @param query a part of the file name */
    @GetMapping(BASE)
    Mono<Listing> list(@PathVariable String user, @RequestParam(required = false) @Size(max = 255) String query,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) String next, @RequestParam(required = false) String previous) {
        return access.user(user, STORAGE, Action.READ)
                .flatMap(users::require)
                .flatMap(found -> IdPage.of((edge, backwards, count) -> files.page(found.id(), query, edge, backwards, count),
                        StoredFile::id, limit, next, previous))
                .map(page -> new Listing(true, query, page.nextCursor(), page.previousCursor(),
                        page.items().stream().map(Listed::of).toList()));
    }

    /** The file's bytes, streamed from GridFS. */
    @GetMapping(BASE + "/{file}")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    Mono<ResponseEntity<Flux<DataBuffer>>> download(@PathVariable String user, @PathVariable String file) {
        ObjectId id = Access.id("file", file);
        return access.user(user, STORAGE, Action.READ)
                .flatMap(owner -> files.get(owner, id))
                .switchIfEmpty(Mono.error(StorageResource::notFound))
                .map(found -> ResponseEntity.ok()
                        .contentType(mediaType(found.contentType()))
                        .contentLength(found.size())
                        .header("Content-Disposition", ContentDisposition.attachment()
                                .filename(found.filename(), StandardCharsets.UTF_8).build().toString())
                        .body(files.content(found).map(DefaultDataBufferFactory.sharedInstance::wrap)));
    }

    @DeleteMapping(BASE + "/{file}")
    Mono<Map<String, Boolean>> delete(@PathVariable String user, @PathVariable String file) {
        ObjectId id = Access.id("file", file);
        return access.user(user, STORAGE, Action.DELETE)
                .flatMap(owner -> files.delete(owner, id))
                .flatMap(deleted -> deleted ? Mono.just(Map.of("success", true)) : Mono.error(notFound()));
    }

    /** Names what was left unnamed, as WildDuck does: a dated name, a type guessed from the name. */
    private Mono<Uploaded> store(String user, String filename, String contentType, String cid, Flux<ByteBuffer> content) {
        String name = filename == null || filename.isBlank()
                ? "upload-" + LocalDate.now(ZoneOffset.UTC) + ".bin" : filename.trim();
        String type = contentType != null ? contentType
                : MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
        return access.user(user, STORAGE, Action.CREATE)
                .flatMap(users::require)
                .flatMap(found -> files.upload(found.id(), name, type, cid, content))
                .map(stored -> new Uploaded(true, stored.id().toHexString()));
    }

    private byte[] bytes(Upload request) {
        byte[] bytes;
        try {
            // The MIME decoder skips line breaks, which base64 from mail tools often has.
            bytes = request.encoding() == null ? request.content().getBytes(StandardCharsets.UTF_8)
                    : Base64.getMimeDecoder().decode(request.content());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("content", "is not valid base64");
        }
        if (bytes.length == 0 || bytes.length > maxFile) {
            throw ApiException.invalidField("content", "must hold 1 to " + maxFile + " bytes");
        }
        return bytes;
    }

    private static MediaType mediaType(String stored) {
        try {
            return MediaType.parseMediaType(stored);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("FileNotFound", "This file does not exist");
    }
}
