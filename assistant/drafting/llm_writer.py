"""LLM mode for drafts: the guiding sentences of a field are written by the chat model from the same
retrieved facts the template uses (fenced as data, numbers cited with [n])."""

from __future__ import annotations

from assistant.answering.prompts import load_prompt
from assistant.drafting.facts import Fact
from assistant.drafting.models import DraftRequest, FieldRequest
from assistant.text.sentences import split_sentences


class LLMFieldWriter:
    def __init__(self, llm_generator) -> None:
        self._generator = llm_generator  # its chat model; failures come back as German UserErrors
        self._system = load_prompt("entwurf_system")
        self._field = load_prompt("entwurf_handlungsfeld")

    def __call__(
        self, kommune: str, field: FieldRequest, request: DraftRequest, facts: list[tuple[int, Fact]]
    ) -> list[str]:
        from langchain_core.messages import HumanMessage, SystemMessage

        sources = (
            "\n\n".join(
                f'<quelle nr="{n}">\n{fact.text.replace("<", "‹").replace(">", "›")}\n</quelle>'
                for n, fact in facts
            )
            or "(keine Fakten gefunden)"
        )
        messages = [
            SystemMessage(content=self._system.render(kommune=kommune)),
            HumanMessage(
                content=self._field.render(
                    kommune=kommune,
                    handlungsfeld=field.name,
                    schwerpunkte=", ".join(field.schwerpunkte) or "–",
                    werte=", ".join(request.werte) or "–",
                    zieljahr=str(request.zeithorizont.bis),
                    quellen=sources,
                )
            ),
        ]
        text = str(self._generator.invoke(messages).content).strip()
        return [s.strip() for s in split_sentences(" ".join(text.split())) if s.strip()][:3]
