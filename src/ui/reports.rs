//! What the report and bullets screens show: `crate::report` rendered to
//! Markdown with the user's templates, done by the runner before a draw.

use super::app::{App, Mode, TextKey};
use crate::report::{self, Author, Bullets, Format, Period};

/// Renders the report or bullets the screen shown needs, if not done yet.
/// Called before every draw; rendering may read user templates, so it is
/// kept out of `App::update` and the views.
pub fn refresh(app: &mut App) {
    if let Some(key) = app.text_wanted() {
        let text = render(app, key);
        app.set_text(key, text);
    }
}

fn render(app: &App, key: TextKey) -> Result<String, String> {
    let settings = &app.settings;
    let rendered = match key.mode {
        Mode::Report => {
            let setup = report::render::Setup {
                author: Author {
                    name: settings.name.clone(),
                    role: settings.role.clone(),
                },
                currency: settings.currency.clone(),
                templates: settings.templates.clone(),
            };
            report::render::week(key.week, app.known(), app.today, &setup, Format::Markdown)
        }
        Mode::Bullets => {
            let period = Period::last_12_months(app.today);
            let bullets = Bullets::build(app.known(), period, &settings.currency);
            report::render::bullets(
                &bullets,
                Format::Markdown,
                &settings.templates,
                &settings.currency,
            )
        }
        _ => return Err("nothing to render here".into()),
    };
    rendered.map_err(|err| err.to_string())
}
