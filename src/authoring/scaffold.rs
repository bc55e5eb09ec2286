//! `viva bank new`: a bank folder with one commented example topic, question and rubric that
//! validates as it is, to edit into a real bank.

/// The example topic file, for a bank whose topics start with `topic`.
pub fn example_topic(topic: &str) -> String {
    format!(
        r#"// A question bank: one Topic per file (or a list [Topic(...), ...]).
// Every text has a Russian and an English version; leave one language out of the whole
// file if the bank is written in one language only. Field reference: `viva bank --help` and
// the File formats section of viva's README.
Topic(
    // A stable id: lowercase letters, digits, `.`, `-`, `_`.
    id: "{topic}",
    title: (ru: "Контекстные менеджеры", en: "Context managers"),
    // Links to read, shown by `viva study`.
    links: ["https://docs.python.org/3/reference/datamodel.html#context-managers"],
    // A cheat sheet, one idea per line (optional outside the built-in bank).
    brief: (
        ru: ["`with` вызывает __enter__ при входе и __exit__ при любом выходе, даже по исключению."],
        en: ["`with` calls __enter__ on entry and __exit__ on any exit, even on an exception."],
    ),
    questions: [
        Question(
            // Sessions and graded answers refer to this id: never change it once used.
            id: "{topic}.why-with",
            text: (
                ru: "Зачем нужен `with`, если можно написать try/finally?",
                en: "Why use `with` when you can write try/finally?",
            ),
            // Junior, Middle or Senior.
            difficulty: Junior,
            tags: ["python"],
            // What a strong candidate says, in 3-6 sentences.
            model_answer: (
                ru: "with гарантирует освобождение ресурса: __exit__ вызывается при любом выходе из блока, даже при исключении. Это то же, что try/finally, но логика захвата и освобождения живёт в одном объекте и переиспользуется. Так закрывают файлы, отпускают блокировки и коммитят или откатывают транзакции.",
                en: "with guarantees the resource is released: __exit__ runs on any exit from the block, even on an exception. It is the same as try/finally, but acquiring and releasing live in one reusable object. Files are closed, locks released and transactions committed or rolled back this way.",
            ),
        ),
    ],
)
"#
    )
}

/// The example rubric file for the question of [`example_topic`].
pub fn example_rubric(topic: &str) -> String {
    format!(
        r#"// Rubrics: what the interviewer listens for in each answer, and the wrong claims that cost
// points. One Rubric per question; several may share a file: [Rubric(...), Rubric(...)].
// Term syntax: `word` (any inflection, small typos), `pref*` (prefix), `=SLA` (exact),
// `a|b` (alternatives), `two words` (a phrase), `(in parallel)|параллельно` (multi-word
// alternatives), `a & b` (both within 16 words), `/regex/`. Check with `viva bank lint`
// and calibrate with `viva bank test --answers graded.jsonl`.
Rubric(
    question: "{topic}.why-with",
    points: [
        Point(
            id: "exit-always-runs",
            // The central idea weighs most.
            weight: 2,
            statement: (
                ru: "__exit__ вызывается при любом выходе из блока, даже при исключении.",
                en: "__exit__ runs on any exit from the block, even on an exception.",
            ),
            terms: [
                "__exit__ & (любом|всегда|always|any) ",
                "(даже|even) (при|on|if) исключени*|exception*",
                "гарантир*|guarantee* & освобожд*|закры*|releas*|clos*",
            ],
            // Asked in a session when this point is missing.
            follow_up: (
                ru: "А что будет с ресурсом, если внутри блока вылетит исключение?",
                en: "What happens to the resource if an exception is raised inside the block?",
            ),
        ),
        Point(
            id: "reusable",
            weight: 1,
            statement: (
                ru: "Логика захвата и освобождения живёт в одном переиспользуемом объекте.",
                en: "Acquire and release live in one reusable object.",
            ),
            terms: ["переиспольз*|reus*", "(один|одном|one) (объект*|object*|мест*|place)"],
        ),
        Point(
            id: "examples",
            weight: 1,
            statement: (
                ru: "Примеры: файлы, блокировки, транзакции.",
                en: "Examples: files, locks, transactions.",
            ),
            terms: ["файл*|file*", "lock*|блокировк*|лок*", "транзакци*|transaction*"],
        ),
    ],
    misconceptions: [
        Misconception(
            id: "with-catches-exceptions",
            penalty: 20,
            claim: (
                ru: "with перехватывает и глушит исключения.",
                en: "with catches and swallows exceptions.",
            ),
            correction: (
                ru: "Исключение идёт дальше, если только __exit__ не вернёт True.",
                en: "The exception propagates unless __exit__ returns True.",
            ),
            terms: ["with & (перехватыва*|глушит|подавля*|catches|swallows|suppresses) & исключени*|exception*"],
        ),
    ],
)
"#
    )
}
