"""Which speech closes a video interview: `said_after_tools` decides when the goodbye has been said."""

from types import SimpleNamespace as Item

from interviews.video.agent import said_after_tools


def speech(*items):
    return Item(chat_items=list(items))


def call(name):
    return Item(type="function_call", name=name)


def output():
    return Item(type="function_call_output")


def said(text):
    return Item(type="message", role="assistant", text_content=text)


def test_a_goodbye_asked_for_is_said():
    assert said_after_tools(speech(said("Thank you, Ada. Your answers are saved.")))


def test_the_model_s_goodbye_after_end_interview_is_said_but_not_its_lead_in():
    assert said_after_tools(speech(said("Thank you."), call("end_interview"), output(), said("Goodbye, Ada.")))
    assert not said_after_tools(speech(said("Thank you."), call("end_interview"), output()))


def test_the_reply_to_a_refused_next_question_is_no_goodbye():
    """Live completing the candidate's cut turn as End is pressed calls next_question; the closed plan refuses
    it and the model says "Thank you." — the goodbye asked for has still to come."""
    assert not said_after_tools(speech(call("next_question"), output(), said("Thank you.")))
