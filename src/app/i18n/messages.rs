//! The banner's messages in both languages, worded when drawn. English reasons a document
//! could not be read are the library's own (what the command line prints); Chinese ones are
//! written here. Details that come from a parser or the operating system stay as they came.

use std::path::Path;

use super::Lang;
use crate::app::Message;
use crate::app::task::Reason;
use crate::document::error::LoadError;

impl Lang {
    /// What a banner says.
    pub fn message(self, message: &Message) -> String {
        let t = self.texts();
        match message {
            Message::Text(text) => text.clone(),
            Message::CouldNotOpen {
                reasons,
                previous_stays,
            } => {
                let mut text = reasons
                    .iter()
                    .map(|r| match self {
                        Lang::Zh => format!("{}：{}。", t.could_not_open, self.reason(r)),
                        Lang::En => format!("{}: {}.", t.could_not_open, self.reason(r)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                if *previous_stays {
                    if self == Lang::En {
                        text.push(' ');
                    }
                    text.push_str(t.previous_stays);
                }
                text
            }
            Message::Saved { path, notes } => with_notes(t.saved, path, notes),
            Message::Exported { path, notes } => with_notes(t.exported, path, notes),
            Message::DialogUnavailable => t.dialog_unavailable.to_owned(),
            Message::ReaderNotes {
                warnings,
                timed_out,
            } => {
                let colon = if self == Lang::Zh { "：" } else { ": " };
                let mut lines: Vec<String> = warnings
                    .iter()
                    .map(|w| format!("{}{colon}{w}", t.fact_warning))
                    .collect();
                if *timed_out {
                    lines.push(t.timed_out.to_owned());
                }
                lines.join("\n")
            }
            Message::AutosaveFailed(reason) => self.autosave_failed(reason),
            Message::TraceFailed(why) => match self {
                Lang::Zh => format!("{}：{why}", t.trace.failed),
                Lang::En => format!("{}: {why}", t.trace.failed),
            },
        }
    }

    /// Why a document could not be opened.
    pub fn reason(self, reason: &Reason) -> String {
        match (reason, self) {
            (Reason::Load(e), _) => self.load_error(e),
            (Reason::Unparsable(path), Lang::Zh) => format!("{}：无法解析此文件", path.display()),
            (Reason::Unparsable(path), Lang::En) => {
                format!("{}: the document could not be parsed", path.display())
            }
            (Reason::EngineFailed { child, parent }, Lang::Zh) => {
                format!("比对 {child} 与 {parent} 时比对引擎出错")
            }
            (Reason::EngineFailed { child, parent }, Lang::En) => {
                format!("comparing {child} with {parent} failed inside the engine")
            }
            (Reason::TaskFailed, Lang::Zh) => "比对引擎处理这些文件时出错".to_owned(),
            (Reason::TaskFailed, Lang::En) => "the engine failed on these documents".to_owned(),
        }
    }

    /// A reading error: in English as the command line prints it, in Chinese worded here.
    pub fn load_error(self, error: &LoadError) -> String {
        if self == Lang::En {
            return error.to_string();
        }
        let p = |path: &Path| path.display().to_string();
        match error {
            LoadError::NotFound { path } => format!("{}：找不到文件", p(path)),
            LoadError::IsDirectory { path } => format!("{}：是文件夹，不是文件", p(path)),
            LoadError::NotRegular { path, kind } => {
                let kind = match *kind {
                    "a folder" => "文件夹",
                    "a named pipe (FIFO)" => "命名管道（FIFO）",
                    "a character device" => "字符设备",
                    "a block device" => "块设备",
                    "a socket" => "套接字",
                    _ => "特殊文件",
                };
                format!("{}：是{kind}，不是普通文件", p(path))
            }
            LoadError::Io { path, source } => {
                let why = match source.kind() {
                    std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
                    std::io::ErrorKind::NotFound => "找不到文件".to_owned(),
                    _ => source.to_string(),
                };
                format!("{}：无法读取：{why}", p(path))
            }
            LoadError::Empty { path } => format!("{}：文件是空的", p(path)),
            LoadError::TooLarge { path, size, limit } => {
                format!("{}：文件太大（{size} 字节，上限 {limit} 字节）", p(path))
            }
            LoadError::Binary { path } => format!("{}：看来是二进制文件，不是文本", p(path)),
            LoadError::DamagedUtf8 { path, line, count } => format!(
                "{}：UTF-8 文本中有 {count} 处无效字节，第一处在第 {line} 行；请修复文件或重新存为 UTF-8",
                p(path)
            ),
            LoadError::Undecodable {
                path,
                encoding,
                detail,
            } => format!("{}：无法解码文字（试过 {encoding}）：{detail}", p(path)),
            LoadError::NoText { path } => format!("{}：没有正文", p(path)),
            LoadError::NoSuchDocument { path, index, count } => format!(
                "{0}：没有第 {index} 篇；此文件中有 {count} 篇（可用 `policy-lineage split {0}` 列出）",
                p(path)
            ),
            LoadError::EntryWithoutText { path, index, title } => {
                format!("{}#{index}：此篇只有标题，没有正文（“{title}”）", p(path))
            }
            LoadError::SeveralDocuments { path, count } => format!(
                "{0}：有 {count} 篇文件；请以 {0}#N 指定一篇（可用 `policy-lineage split {0}` 列出）",
                p(path)
            ),
            LoadError::BadReference { spec } => {
                format!("{spec}：文件引用有误；请写作 PATH 或 PATH#N（N 从 1 起）")
            }
            LoadError::ScannedPdf { path, pages } => format!(
                "{}：PDF 没有文字层（{pages} 页图像，可能是扫描件）；请先做文字识别（OCR）",
                p(path)
            ),
            LoadError::Encrypted { path } => {
                format!(
                    "{}：文件有密码保护（已加密）；请另存一份未加密的副本",
                    p(path)
                )
            }
            LoadError::CorruptArchive { path, detail } => {
                format!("{}：压缩包已损坏或不完整：{detail}", p(path))
            }
            LoadError::CorruptFile {
                path,
                format,
                detail,
            } => format!("{}：{format} 文件已损坏：{detail}", p(path)),
            LoadError::ContentTooLarge { path, what, limit } => format!(
                "{}：{what} 解压后超过 {limit} 字节，已拒绝（文件损坏，或是解压炸弹？）",
                p(path)
            ),
            LoadError::UnreadableText { path, share } => format!(
                "{}：PDF 的文字无法读取（{:.0}% 的字符在字体中没有 Unicode 对应）；请做文字识别或另找一份",
                p(path),
                share * 100.0
            ),
            LoadError::Unsupported { path, detail } => {
                format!("{}：不支持的格式：{detail}", p(path))
            }
        }
    }
}

/// `Saved to PATH`, then each note on a line of its own.
fn with_notes(done: &str, path: &Path, notes: &[String]) -> String {
    let mut text = format!("{done} {}", path.display());
    for note in notes {
        text.push('\n');
        text.push_str(note);
    }
    text
}
