/// What `MaskColourFit`'s sparse unmixing term charges a channel for its share of a pixel (a run's config's
/// `maskColourSparsity`; nil in runs made before it: `distance`).
///
/// Where the masks rebuild a pixel's colour exactly, the term is a price per unit share of each channel, and the cheapest
/// mix wins. `distance` prices channel `c` at `½‖x − p_c‖²`, which then equals `½‖p_c‖²` (less `½‖x‖²`, the same for every
/// mix): the distance of its colour from the colour space's centre, mid-grey. Channels whose colour lies near grey are
/// cheap, so an edge pixel that blends a body with the table is rebuilt in part from them (on `push`, the loss's optimum
/// gives 24% of box1's edge to the tee's channel and 8% of the pusher's to disc1's). `contrast` prices it at `‖p_c − p_b‖`,
/// its colour's distance from the background's `p_b` (the background free): the mix's price is then `Σ_c m_c ‖p_c − p_b‖
/// ≥ ‖x − p_b‖` (the triangle inequality), met only by channels whose colours lie on one ray from the background's, so a
/// pixel that blends the table with one body is cheapest rebuilt by those two alone, and a table pixel by the table alone.
public enum MaskColourSparsity: String, Codable, Sendable, CaseIterable {
    /// `½‖x − p_c‖²`: the distance of the pixel's colour from the channel's (runs made before `contrast`).
    case distance
    /// `‖p_c − p_b‖`: the contrast of the channel's colour with the background's (the background's own share free).
    case contrast
}
