"""Reading the passages against the question: the step between retrieval's tier and the answer text.

One small interface (`Reader`, reader.py) with two implementations, chosen in bot/app.py:
  - `ExtractiveReader` (extractive.py): quotes the best passage; offline, the default;
  - `LlmReader` (llm.py): a language model through langchain writes a short cited answer, which Lotse's own
    verifier (verifier.py, no second model call) accepts or rejects; rejected, it is the extractive answer.
The assistant asks a reader only after triage and retrieval have decided that an answer may be given at all.
"""
