package dev.mosaic.query.rendering;

import org.springframework.stereotype.Component;

import java.util.UUID;

/** This node's name in render notifications, so that it skips re-reading the batches it rendered itself. */
@Component
public class RenderNode {
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }
}
