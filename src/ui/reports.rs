//! The report and bullets screens' text, rendered when the app asks
//! (`Effect::Render`): `crate::report`'s one builder of each, rendered to
//! Markdown with the user's templates. Templates may be files, so this runs
//! with the effects, never inside `App::update` or a draw.

use super::action::TextOrder;
use super::app::Mode;
use crate::report::render::Renditions;
use crate::report::{self, Bullets, Format, Period};

/// The Markdown `order` asks for, for the screen and for `x` to export, or
/// why it could not be rendered.
pub fn render(order: &TextOrder) -> Result<Renditions, String> {
    let setup = &order.setup;
    let rendered = match order.key.mode {
        Mode::Report => {
            report::render::week_markdown(order.key.week, &order.entries, order.today, setup)
        }
        Mode::Bullets => {
            let period = Period::last_12_months(order.today);
            let bullets = Bullets::build(&order.entries, period, &setup.currency);
            // The bullets draw nothing of their own on the screen.
            report::render::bullets(
                &bullets,
                Format::Markdown,
                &setup.templates,
                &setup.currency,
            )
            .map(|text| Renditions {
                file: text.clone(),
                screen: text,
            })
        }
        _ => return Err("nothing to render here".into()),
    };
    rendered.map_err(|err| err.to_string())
}

/// For tests that draw without a runner: renders what the screen shown
/// needs, as `Effect::Render` would, and hands it to the app.
#[cfg(test)]
pub fn refresh(app: &mut super::app::App) {
    if let Some(order) = app.text_order() {
        let text = render(&order);
        app.update(super::action::Action::Rendered {
            key: order.key,
            text,
        });
    }
}
