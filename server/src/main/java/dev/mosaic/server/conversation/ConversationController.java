package dev.mosaic.server.conversation;

import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import dev.mosaic.server.security.MosaicUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.UUID;

/** A signed-in person's own conversations: list, read, rename, delete (one or all). */
@RestController
@RequestMapping("/api/chat/conversations")
class ConversationController {
    private final Conversations conversations;

    ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    record Rename(String title) {
    }

    @GetMapping
    Items<ConversationSummary> list(@AuthenticationPrincipal MosaicUser user,
                                    @RequestParam(defaultValue = "50") int limit,
                                    @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 200) {
            throw new InvalidQueryParameterException("limit", "must be between 1 and 200");
        }
        return conversations.list(ConversationOwner.of(user), cursor, limit);
    }

    @GetMapping("/{id}")
    Conversation read(@AuthenticationPrincipal MosaicUser user, @PathVariable UUID id) {
        return conversations.read(ConversationOwner.of(user), id).orElseThrow(() -> notFound(id));
    }

    @PatchMapping("/{id}")
    ConversationSummary rename(@AuthenticationPrincipal MosaicUser user, @PathVariable UUID id,
                               @RequestBody Rename rename) {
        String title = rename.title() == null ? "" : rename.title().strip();
        if (title.isEmpty() || title.length() > ConversationTitle.MAX_LENGTH) {
            throw InvalidCommandException.of("title", "must be 1 to " + ConversationTitle.MAX_LENGTH + " characters");
        }
        return conversations.rename(ConversationOwner.of(user), id, title).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MosaicUser user, @PathVariable UUID id) {
        if (!conversations.delete(ConversationOwner.of(user), id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** "Delete all my conversations". */
    @DeleteMapping
    ResponseEntity<Void> deleteAll(@AuthenticationPrincipal MosaicUser user) {
        conversations.deleteAll(ConversationOwner.of(user));
        return ResponseEntity.noContent().build();
    }

    static ResponseStatusException notFound(UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no conversation " + id);
    }
}
