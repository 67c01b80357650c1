//! The bundled font: every character of every bundled document, and every character the
//! interface shows, has a glyph without any system font.

use std::collections::BTreeSet;
use std::path::Path;

use policy_lineage::app::fonts::{CJK_FONT, definitions};
use policy_lineage::document::normalize::is_space;

fn bundled_cmap() -> BTreeSet<u32> {
    let Ok(face) = ttf_parser::Face::parse(CJK_FONT, 0) else {
        panic!("the bundled font does not parse");
    };
    let mut set = BTreeSet::new();
    let Some(cmap) = face.tables().cmap else {
        panic!("the bundled font has no cmap");
    };
    for subtable in cmap.subtables {
        if subtable.is_unicode() {
            subtable.codepoints(|c| {
                if subtable.glyph_index(c).is_some_and(|g| g.0 != 0) {
                    set.insert(c);
                }
            });
        }
    }
    set
}

fn chars_of(dir: &Path, ext: &str) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) == Some(ext) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            chars.extend(text.chars());
        }
    }
    chars
}

#[test]
fn every_character_of_every_bundled_document_has_a_glyph() {
    let cmap = bundled_cmap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chars = chars_of(&root.join("assets"), "txt");
    assert!(
        chars.len() > 1000,
        "only {} distinct characters?",
        chars.len()
    );
    let missing: Vec<String> = chars
        .iter()
        .filter(|&&c| !is_space(c) && !c.is_control() && c != '\u{feff}')
        .filter(|&&c| !cmap.contains(&(c as u32)))
        .map(|c| format!("{c} U+{:04X}", *c as u32))
        .collect();
    assert!(missing.is_empty(), "no glyph for: {missing:?}");
}

#[test]
fn the_font_covers_gb2312_hanzi() {
    let cmap = bundled_cmap();
    // A sample across GB2312 level 1 and level 2 (the subset keeps all 6763 hanzi).
    for c in "啊阿埃挨哎唉哀皑癌蔼矮艾碍爱隘鞍氨安俺按暗岸胺案肮昂盎凹敖熬翱袄傲奥懊澳芭捌扒叭吧笆八疤巴拔跋靶把耙坝霸罢爸白柏百摆佰败拜稗斑班搬扳般颁板版扮拌伴瓣半办绊邦帮梆榜膀绑棒磅蚌镑傍谤苞胞包褒剥亍丌兀丐廿卅丕亘丞鬲孬噩丨禺丿匕乇夭爻卮氐囟胤馗毓睾鼗丶亟鼐乜乩亓芈孛啬嘏仄厍厝厣厥厮靥赝匚叵匦匮匾赜卦卣刂刈刎刭刳刿剀剌剞剡剜蒯剽劂劁劐劓冂罔亻仃仉仂仨仡仫仞伛仳伢佤仵伥伧伉伫佞佧攸佚佝佟佗伲伽佶佴侑侉侃侏佾佻侪佼侬侔俦俨俪俅俚俣俜俑俟俸倩偌俳倬倏倮倭俾倜倌倥倨偾偃偕偈偎偬偻傥傧傩傺僖儆僭僬僦僮儇儋仝氽佘佥俎龠汆籴兮巽黉馘冁夔勹匍訇匐凫夙兕亠兖亳衮袤亵脔裒禀嬴蠃羸冫冱冽冼凇冖冢冥讠讦讧讪讴讵讷诂诃诋诏诎诒诓诔诖诘诙诜诟诠诤诨诩诮诰诳诶诹诼诿谀谂谄谇谌谏谑谒谔谕谖谙谛谘谝谟谠谡谥谧谪谫谮谯谲谳谵谶卩卺阝阢阡阱阪阽阼陂陉陔陟陧陬陲陴隈隍隗隰邗邛邝邙邬邡邴邳邶邺".chars() {
        assert!(cmap.contains(&(c as u32)), "{c}");
    }
}

#[test]
fn every_interface_string_renders_without_system_fonts() {
    // Fonts with the bundled definitions and no font provider: nothing from the system.
    let mut fonts =
        egui::epaint::text::Fonts::new(egui::epaint::text::TextOptions::default(), definitions());
    let font = egui::FontId::proportional(14.0);
    let mut missing = BTreeSet::new();
    // The interface strings are the string literals of the viewer's source.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    for c in chars_of(&root, "rs") {
        if c.is_control() || is_space(c) {
            continue;
        }
        if !fonts.with_pixels_per_point(1.0).has_glyph(&font, c) {
            missing.insert(format!("{c} U+{:04X}", c as u32));
        }
    }
    assert!(missing.is_empty(), "no glyph for: {missing:?}");
}
